# SPDX-License-Identifier: MIT
# Tests of the checker's detection core: Criterion unit tests of the pure
# modules (vector clocks, shadow memory, stack depot, sync objects, the
# log of racekit events), and
# end-to-end programs in e2e/ built with clang and gcc -fsanitize=thread
# and linked with the runtime the way `racekit cc` links them.
if(TARGET racekit_rt_core)
  foreach(t vclock shadow depot sync events)
    if(NOT EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/test_${t}.c)
      continue()
    endif()
    racekit_criterion_test(checker_${t}
      SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_${t}.c $<TARGET_OBJECTS:racekit_rt_core>
      LIBS dl pthread TIMEOUT 60)
    if(TARGET checker_${t})
      target_include_directories(checker_${t} PRIVATE ${PROJECT_SOURCE_DIR}/instrumentation
        ${PROJECT_SOURCE_DIR}/racekit/include)
    endif()
  endforeach()
endif()

if(TARGET racekit_rt AND TARGET racekit)
  find_program(RKC_E2E_CLANG clang)
  find_program(RKC_E2E_GCC gcc)
  set(RKC_E2E_COMPILERS "")
  if(RKC_E2E_CLANG)
    list(APPEND RKC_E2E_COMPILERS clang)
  endif()
  if(RKC_E2E_GCC)
    list(APPEND RKC_E2E_COMPILERS gcc)
  endif()
  file(GLOB RKC_E2E_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/e2e/*.c)
  set(RKC_E2E_OUT ${CMAKE_CURRENT_BINARY_DIR}/e2e)
  file(MAKE_DIRECTORY ${RKC_E2E_OUT})
  set(RKC_E2E_EXES "")
  foreach(src ${RKC_E2E_SOURCES})
    get_filename_component(name ${src} NAME_WE)
    foreach(cc ${RKC_E2E_COMPILERS})
      set(exe ${RKC_E2E_OUT}/${name}_${cc})
      add_custom_command(OUTPUT ${exe}
        COMMAND ${cc} -std=gnu11 -fsanitize=thread -g -O1
                -I${PROJECT_SOURCE_DIR}/racekit/include -c ${src} -o ${exe}.o
        COMMAND ${cc} ${exe}.o -o ${exe}
                -Wl,--whole-archive $<TARGET_FILE:racekit_rt> -Wl,--no-whole-archive
                $<TARGET_FILE:racekit> -ldw -lelf -lpthread -ldl -lm
        DEPENDS ${src} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/e2e.h racekit_rt racekit
        COMMENT "checker e2e: ${name} (${cc})" VERBATIM)
      list(APPEND RKC_E2E_EXES ${exe})
      add_test(NAME checker_e2e_${name}_${cc}
        COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/run_e2e.sh ${exe} ${src})
      set_tests_properties(checker_e2e_${name}_${cc} PROPERTIES
        LABELS "checker;e2e" TIMEOUT 120 SKIP_RETURN_CODE 77
        ENVIRONMENT "RACEKIT_OPTIONS=")
    endforeach()
  endforeach()
  add_custom_target(checker_e2e ALL DEPENDS ${RKC_E2E_EXES})
endif()
