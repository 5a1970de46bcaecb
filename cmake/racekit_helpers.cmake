# SPDX-License-Identifier: MIT
# Helpers shared by the test folders.

# Flags for test code in a sanitizer build (RACEKIT_SANITIZE). The racekit
# library never gets them.
set(RACEKIT_SAN_FLAGS "")
if(RACEKIT_SANITIZE STREQUAL "thread")
  set(RACEKIT_SAN_FLAGS -fsanitize=thread -g -O1)
elseif(NOT RACEKIT_SANITIZE STREQUAL "")
  set(RACEKIT_SAN_FLAGS -fsanitize=${RACEKIT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all -g)
endif()

find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(CRITERION QUIET IMPORTED_TARGET criterion)
endif()

# racekit_criterion_test(NAME SOURCES... [LIBS ...] [TIMEOUT s])
# A Criterion test binary registered with ctest (label "criterion").
# Skipped in the TSan build: Criterion cannot run under ThreadSanitizer.
function(racekit_criterion_test name)
  cmake_parse_arguments(A "" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(RACEKIT_SANITIZE STREQUAL "thread")
    return()
  endif()
  if(NOT TARGET PkgConfig::CRITERION)
    message(FATAL_ERROR "Criterion not found: install libcriterion-dev")
  endif()
  add_executable(${name} ${A_SOURCES})
  target_compile_options(${name} PRIVATE ${RACEKIT_SAN_FLAGS})
  target_link_options(${name} PRIVATE ${RACEKIT_SAN_FLAGS})
  target_link_libraries(${name} PRIVATE ${A_LIBS} PkgConfig::CRITERION)
  add_test(NAME ${name} COMMAND ${name} --jobs=2)
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "criterion" TIMEOUT ${A_TIMEOUT})
endfunction()

# racekit_standalone_test(NAME SOURCES... [LIBS ...] [ARGS ...] [TIMEOUT s])
# A plain program whose exit status decides, built with the sanitizer flags
# of this build (label "standalone"). In the TSan build it runs under
# TSAN_OPTIONS=halt_on_error=1: any report fails it.
function(racekit_standalone_test name)
  cmake_parse_arguments(A "" "TIMEOUT" "SOURCES;LIBS;ARGS" ${ARGN})
  add_executable(${name} ${A_SOURCES})
  target_compile_options(${name} PRIVATE ${RACEKIT_SAN_FLAGS})
  target_link_options(${name} PRIVATE ${RACEKIT_SAN_FLAGS})
  target_link_libraries(${name} PRIVATE ${A_LIBS})
  add_test(NAME ${name} COMMAND ${name} ${A_ARGS})
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "standalone" TIMEOUT ${A_TIMEOUT}
    ENVIRONMENT "TSAN_OPTIONS=halt_on_error=1 exitcode=66;ASAN_OPTIONS=detect_leaks=1;UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1")
endfunction()
