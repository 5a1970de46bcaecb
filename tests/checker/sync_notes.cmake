# SPDX-License-Identifier: MIT
# End to end: the racekit events listed in a JSON report's `sync` list
# (test_sync_notes_prog.c run by test_sync_notes_e2e.c), filled by the
# core (instrumentation/events.c).
if(TARGET racekit_rt AND TARGET PkgConfig::CRITERION AND NOT RACEKIT_SANITIZE STREQUAL "thread")
add_executable(checker_sync_notes_prog ${CMAKE_CURRENT_SOURCE_DIR}/test_sync_notes_prog.c)
target_compile_options(checker_sync_notes_prog PRIVATE -fsanitize=thread -g -O1)
target_include_directories(checker_sync_notes_prog PRIVATE ${PROJECT_SOURCE_DIR}/racekit/include)
target_link_libraries(checker_sync_notes_prog PRIVATE
  -Wl,--whole-archive $<TARGET_FILE:racekit_rt> -Wl,--no-whole-archive
  $<TARGET_FILE:racekit> -ldw -lelf -lpthread -ldl -lm)
add_dependencies(checker_sync_notes_prog racekit_rt racekit)
racekit_criterion_test(checker_sync_notes_e2e
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_sync_notes_e2e.c TIMEOUT 120)
add_dependencies(checker_sync_notes_e2e checker_sync_notes_prog)
target_compile_definitions(checker_sync_notes_e2e PRIVATE
  RKT_SYNC_PROG="$<TARGET_FILE:checker_sync_notes_prog>"
  RKT_SYNC_SRC="${CMAKE_CURRENT_SOURCE_DIR}/test_sync_notes_prog.c")
endif()
