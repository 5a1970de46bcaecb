# SPDX-License-Identifier: MIT
# Unit tests of the checker's reporting side: the RACEKIT_OPTIONS parser,
# the suppression matcher, and the report formats against golden files.
# They compile the reporting sources directly (no interceptors, no core).
set(RKC_REPORT_DIR ${PROJECT_SOURCE_DIR}/instrumentation)
set(RKC_REPORT_BASE ${RKC_REPORT_DIR}/rmem.c ${RKC_REPORT_DIR}/textbuf.c
    ${RKC_REPORT_DIR}/options.c ${RKC_REPORT_DIR}/suppress.c)
set(RKC_REPORT_ALL ${RKC_REPORT_BASE} ${RKC_REPORT_DIR}/symbolize.c
    ${RKC_REPORT_DIR}/format.c ${RKC_REPORT_DIR}/format_go.c
    ${RKC_REPORT_DIR}/format_tsan.c ${RKC_REPORT_DIR}/format_json.c
    ${RKC_REPORT_DIR}/report.c)

racekit_criterion_test(checker_options
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_options.c ${RKC_REPORT_BASE} TIMEOUT 60)
racekit_criterion_test(checker_suppress
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_suppress.c ${RKC_REPORT_BASE} TIMEOUT 60)
racekit_criterion_test(checker_report
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_report.c
          ${CMAKE_CURRENT_SOURCE_DIR}/test_report_fixture.c ${RKC_REPORT_ALL}
  LIBS dw elf util TIMEOUT 120)

foreach(t checker_options checker_suppress checker_report)
  if(TARGET ${t})
    target_include_directories(${t} PRIVATE ${RKC_REPORT_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
endforeach()
if(TARGET checker_report)
  # -O0: the golden files name the lines and columns of the fixture's calls.
  set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/test_report_fixture.c
    PROPERTIES COMPILE_OPTIONS "-O0;-g")
  target_compile_definitions(checker_report PRIVATE
    RKT_SRC_DIR="${CMAKE_CURRENT_SOURCE_DIR}/"
    RKT_GOLDEN_DIR="${CMAKE_CURRENT_SOURCE_DIR}/golden")
endif()

# End to end: a racy program built like `racekit cc` builds (the compiler's
# -fsanitize=thread instrumentation, racekit's runtime instead of libtsan),
# run by a Criterion test with each format and option.
if(TARGET racekit_rt AND TARGET PkgConfig::CRITERION AND NOT RACEKIT_SANITIZE STREQUAL "thread")
  add_executable(checker_report_e2e_prog ${CMAKE_CURRENT_SOURCE_DIR}/test_report_e2e_prog.c)
  target_compile_options(checker_report_e2e_prog PRIVATE -fsanitize=thread -g -O1)
  target_link_libraries(checker_report_e2e_prog PRIVATE
    -Wl,--whole-archive $<TARGET_FILE:racekit_rt> -Wl,--no-whole-archive
    $<TARGET_FILE:racekit> -ldw -lelf -lpthread -ldl -lm)
  add_dependencies(checker_report_e2e_prog racekit_rt racekit)
  racekit_criterion_test(checker_report_e2e
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_report_e2e.c TIMEOUT 120)
  add_dependencies(checker_report_e2e checker_report_e2e_prog)
  target_compile_definitions(checker_report_e2e PRIVATE
    RKT_E2E_PROG="$<TARGET_FILE:checker_report_e2e_prog>"
    RKT_E2E_SRC="${CMAKE_CURRENT_SOURCE_DIR}/test_report_e2e_prog.c"
    RKT_SRC_DIR="${CMAKE_CURRENT_SOURCE_DIR}/")
endif()
