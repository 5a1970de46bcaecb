# SPDX-License-Identifier: MIT
# The symbolizer (instrumentation/symbolize.c) end to end, on programs that
# clang builds however this project is configured (the situations are
# clang's): a unit without .debug_aranges linked between units with them,
# and a global that GlobalOpt shrank to one byte. test_symbolize_e2e.c
# checks the exact report lines.
find_program(RKC_SYM_CLANG clang)
if(RKC_SYM_CLANG AND TARGET racekit_rt AND TARGET racekit AND TARGET PkgConfig::CRITERION
   AND NOT RACEKIT_SANITIZE STREQUAL "thread")
  set(d ${CMAKE_CURRENT_SOURCE_DIR})
  set(o ${CMAKE_CURRENT_BINARY_DIR}/symbolize_e2e)
  file(MAKE_DIRECTORY ${o})
  set(cflags -std=gnu11 -fsanitize=thread -g -O1 -I${d})
  set(rt -Wl,--whole-archive $<TARGET_FILE:racekit_rt> -Wl,--no-whole-archive
      $<TARGET_FILE:racekit> -ldw -lelf -lpthread -ldl -lm)
  add_custom_command(OUTPUT ${o}/mixed_aranges
    COMMAND ${RKC_SYM_CLANG} ${cflags} -gdwarf-aranges -DSYM_PART=before
            -c ${d}/test_symbolize_e2e_aranges.c -o ${o}/before.o
    COMMAND ${RKC_SYM_CLANG} ${cflags}
            -c ${d}/test_symbolize_e2e_prog.c -o ${o}/prog.o
    COMMAND ${RKC_SYM_CLANG} ${cflags} -gdwarf-aranges -DSYM_PART=after
            -c ${d}/test_symbolize_e2e_aranges.c -o ${o}/after.o
    # Link order is address order: the unit without aranges in the middle.
    COMMAND ${RKC_SYM_CLANG} ${o}/before.o ${o}/prog.o ${o}/after.o -o ${o}/mixed_aranges ${rt}
    DEPENDS ${d}/test_symbolize_e2e_aranges.c ${d}/test_symbolize_e2e_prog.c ${d}/e2e/e2e.h
            racekit_rt racekit
    COMMENT "checker symbolize e2e: mixed_aranges" VERBATIM)
  add_custom_command(OUTPUT ${o}/shrunk_global
    COMMAND ${RKC_SYM_CLANG} ${cflags} -c ${d}/test_symbolize_e2e_global.c -o ${o}/global.o
    COMMAND ${RKC_SYM_CLANG} ${o}/global.o -o ${o}/shrunk_global ${rt}
    DEPENDS ${d}/test_symbolize_e2e_global.c ${d}/e2e/e2e.h racekit_rt racekit
    COMMENT "checker symbolize e2e: shrunk_global" VERBATIM)
  add_custom_target(checker_symbolize_e2e_progs ALL
    DEPENDS ${o}/mixed_aranges ${o}/shrunk_global)
  racekit_criterion_test(checker_symbolize_e2e
    SOURCES ${d}/test_symbolize_e2e.c LIBS elf TIMEOUT 120)
  add_dependencies(checker_symbolize_e2e checker_symbolize_e2e_progs)
  target_compile_definitions(checker_symbolize_e2e PRIVATE
    RKT_SYM_MIXED="${o}/mixed_aranges"
    RKT_SYM_GLOBAL="${o}/shrunk_global"
    RKT_SRC_DIR="${d}/")
endif()
