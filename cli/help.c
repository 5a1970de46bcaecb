/* SPDX-License-Identifier: MIT */
/* The manual texts of racekit and its commands (racekit CMD --help). */
#include "util.h"

#include <stdio.h>
#include <string.h>

typedef struct help_page {
  const char *topic;
  const char *text;
} help_page;

static const help_page pages[] = {
    {"racekit",
     "NAME\n"
     "    racekit - find, explain and fix data races in C programs\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit COMMAND [ARGS...]\n"
     "    racekit --help | --version\n"
     "\n"
     "COMMANDS\n"
     "    cc        compile and link C programs with racekit's race checker\n"
     "    run       build C files with the checker and run the program\n"
     "    demo      workshop demos: list, show, run, check, tsan, diff, tour, ...\n"
     "    compare   run a program under racekit and ThreadSanitizer, side by side\n"
     "    help      show the manual of a command\n"
     "\n"
     "    'racekit COMMAND --help' shows the manual of a command.\n"
     "\n"
     "ENVIRONMENT\n"
     "    RACEKIT_CC         compiler of cc, run and demo: clang (default) or gcc\n"
     "    RACEKIT_OPTIONS    the checker's options at run time, e.g. format=json\n"
     "    RACEKIT_DEMOS_DIR  the demos folder (default: racekit's own demos)\n"
     "    RACEKIT_LIBDIR     where cc finds libracekit_rt.a and libracekit.a\n"
     "    RACEKIT_INCLUDEDIR where cc finds racekit/racekit.h\n"
     "    NO_COLOR           when set and not empty: no colour unless --color=always\n"
     "\n"
     "FILES\n"
     "    Installed as PREFIX/bin/racekit, racekit uses PREFIX/lib,\n"
     "    PREFIX/include and PREFIX/share/racekit/demos. Run from a build tree\n"
     "    (build/bin/racekit), it uses build/lib and the source tree.\n"
     "\n"
     "EXIT STATUS\n"
     "    0 on success; 2 for a usage error; otherwise as the command says.\n"},

    {"cc",
     "NAME\n"
     "    racekit cc - compile and link C programs with racekit's race checker\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit cc [--compiler=clang|gcc] [-v] COMPILER-ARGS...\n"
     "\n"
     "DESCRIPTION\n"
     "    Call racekit cc as you would call cc (several files, -c, -o, -I, -D,\n"
     "    -l, -O2, -g, ...); like 'go build -race'. When compiling it adds\n"
     "    -fsanitize=thread -g, -O1 unless an -O level is given, and racekit's\n"
     "    include directory (#include <racekit/racekit.h>). When linking it adds\n"
     "    racekit's checker runtime in place of ThreadSanitizer's, and libracekit:\n"
     "        -Wl,--whole-archive libracekit_rt.a -Wl,--no-whole-archive\n"
     "        libracekit.a -ldw -lelf -lpthread -ldl -lm\n"
     "    A command that compiles and links compiles the sources to temporary\n"
     "    objects first. -lracekit may be given; racekit supplies it. A shared\n"
     "    library (-shared) is linked without them: the program loading it\n"
     "    brings them.\n"
     "\n"
     "    The program reports data races while it runs and exits with status 66\n"
     "    when it reported any; RACEKIT_OPTIONS configures the reports.\n"
     "\n"
     "OPTIONS\n"
     "    --compiler=clang|gcc  the compiler (default: $RACEKIT_CC, else clang)\n"
     "    -v, --verbose         print each command racekit runs\n"
     "    -h, --help            show this manual\n"
     "\n"
     "EXAMPLES\n"
     "    racekit cc -O2 -o server main.c queue.c -lm\n"
     "    racekit cc -c worker.c && racekit cc -o app app.c worker.o\n"
     "\n"
     "EXIT STATUS\n"
     "    The compiler's exit status; 2 when the compiler is not installed or\n"
     "    racekit's checker runtime is missing.\n"},

    {"run",
     "NAME\n"
     "    racekit run - build C files with the race checker and run the program\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit run [--compiler=clang|gcc] [-v] FILE.c... [COMPILER-ARGS] [-- PROGRAM-ARGS]\n"
     "\n"
     "DESCRIPTION\n"
     "    Builds the files as 'racekit cc' does into a temporary directory, runs\n"
     "    the program with the arguments after --, then removes the directory;\n"
     "    like 'go run -race'. -o, -c, -S and -E cannot be used.\n"
     "\n"
     "OPTIONS\n"
     "    --compiler=clang|gcc  the compiler (default: $RACEKIT_CC, else clang)\n"
     "    -v, --verbose         print each command racekit runs\n"
     "    -h, --help            show this manual\n"
     "\n"
     "EXAMPLES\n"
     "    racekit run counter.c\n"
     "    racekit run main.c util.c -DNDEBUG -lm -- --workers 8 input.txt\n"
     "\n"
     "EXIT STATUS\n"
     "    The program's exit status: 66 when the checker reported a data race,\n"
     "    128+N when signal N ended it. When the build fails, the compiler's\n"
     "    status. 2 for a usage error, a missing file or a missing compiler.\n"},

    {"demo",
     "NAME\n"
     "    racekit demo - workshop demos: racy programs and their fixes\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo SUBCOMMAND [NAME] [OPTIONS]\n"
     "\n"
     "SUBCOMMANDS\n"
     "    list                        the topics and their lessons\n"
     "    show NAME [--fixed]         the source, conflicting lines highlighted\n"
     "    run NAME [--fixed] [--times N]\n"
     "                                build without any checker, run N times\n"
     "    check NAME [--fixed]        build and run with racekit's checker\n"
     "    tsan NAME [--fixed] [--compiler clang|gcc]\n"
     "                                build and run with ThreadSanitizer\n"
     "    compare NAME                racekit and ThreadSanitizer side by side\n"
     "    diff NAME                   racy.c against fixed.c\n"
     "    tour [NAME] [--pause]       the whole workflow, step by step\n"
     "    exercise NAME [DIR]         copy the racy program to fix it yourself\n"
     "    verify NAME FILE            check your fix: no race, no deadlock,\n"
     "                                the fixed program's output\n"
     "    go NAME [--fixed]           the Go twin under 'go run -race'\n"
     "\n"
     "    'racekit demo SUBCOMMAND --help' shows the manual of a subcommand.\n"
     "    The demos are in demos/TOPIC/{racy.c,fixed.c,README.md,expected.txt},\n"
     "    listed in demos/manifest; RACEKIT_DEMOS_DIR names another folder.\n"
     "\n"
     "EXIT STATUS\n"
     "    As the subcommand says; 2 for a usage error or an unknown topic.\n"},

    {"demo list",
     "NAME\n"
     "    racekit demo list - the demo topics and their lessons\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo list [--long]\n"
     "\n"
     "DESCRIPTION\n"
     "    One line per topic of demos/manifest: its name and title. --long adds\n"
     "    the lesson of each topic and the two conflicting lines of racy.c.\n"},

    {"demo show",
     "NAME\n"
     "    racekit demo show - a demo's source with line numbers\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo show NAME [--fixed] [--color=auto|always|never]\n"
     "\n"
     "DESCRIPTION\n"
     "    Prints racy.c (fixed.c with --fixed) with line numbers. In racy.c the\n"
     "    two conflicting accesses are marked '>>'; in fixed.c the lines of the\n"
     "    fix are marked '+'. On a terminal the marked lines are coloured too\n"
     "    (--color=auto, the default; NO_COLOR turns colour off).\n"},

    {"demo run",
     "NAME\n"
     "    racekit demo run - run a demo several times without any checker\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo run NAME [--fixed] [--times N] [--compiler=clang|gcc]\n"
     "\n"
     "DESCRIPTION\n"
     "    Builds racy.c (fixed.c with --fixed) as a plain program (cc -O1\n"
     "    -pthread, libracekit, no instrumentation), runs it N times (default\n"
     "    5) and prints what each run printed. Then says whether the results\n"
     "    differ between runs and which runs are wrong: whose output differs\n"
     "    from the fixed program's (expected.txt). A run that takes longer\n"
     "    than 10 seconds is stopped (a deadlock?).\n"
     "\n"
     "EXIT STATUS\n"
     "    0 when every run printed the expected output, 1 otherwise.\n"},

    {"demo check",
     "NAME\n"
     "    racekit demo check - run a demo under racekit's race checker\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo check NAME [--fixed] [--compiler=clang|gcc] [-v]\n"
     "\n"
     "DESCRIPTION\n"
     "    Builds racy.c (fixed.c with --fixed) with the checker and runs it,\n"
     "    exactly as 'racekit run demos/NAME/racy.c' does.\n"
     "\n"
     "EXIT STATUS\n"
     "    The program's: 66 when a data race was reported.\n"},

    {"demo tsan",
     "NAME\n"
     "    racekit demo tsan - run a demo under ThreadSanitizer\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo tsan NAME [--fixed] [--compiler clang|gcc] [-v]\n"
     "\n"
     "DESCRIPTION\n"
     "    Builds racy.c (fixed.c with --fixed) with the compiler's own\n"
     "    ThreadSanitizer (cc -fsanitize=thread -g -O1, libracekit) and runs it.\n"
     "    libracekit is not instrumented; it reports its happens-before edges\n"
     "    through ThreadSanitizer's annotations. TSAN_OPTIONS applies.\n"
     "\n"
     "EXIT STATUS\n"
     "    The program's: 66 when ThreadSanitizer reported a data race.\n"},

    {"demo diff",
     "NAME\n"
     "    racekit demo diff - the fix: racy.c against fixed.c\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo diff NAME [--color=auto|always|never]\n"
     "\n"
     "DESCRIPTION\n"
     "    A unified diff from racy.c to fixed.c, coloured on a terminal.\n"},

    {"demo tour",
     "NAME\n"
     "    racekit demo tour - the whole race-fix workflow on one demo\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo tour [NAME] [--pause] [--compiler=clang|gcc]\n"
     "\n"
     "DESCRIPTION\n"
     "    With a heading for each step: runs the racy program several times\n"
     "    without a checker, checks it with racekit, shows the fix (diff),\n"
     "    checks the fixed program, and runs both under ThreadSanitizer.\n"
     "    NAME defaults to mutex-counter. --pause waits for Enter between steps\n"
     "    (for a projector).\n"
     "\n"
     "EXIT STATUS\n"
     "    0 when racekit reported the racy program and not the fixed one; 1\n"
     "    otherwise.\n"},

    {"demo exercise",
     "NAME\n"
     "    racekit demo exercise - start an exercise from a demo\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo exercise NAME [DIR] [--force]\n"
     "\n"
     "DESCRIPTION\n"
     "    Copies the racy program to DIR/NAME.c (DIR defaults to ./NAME-exercise)\n"
     "    with the task in a header comment. An existing file is never\n"
     "    overwritten without --force. Check the result with\n"
     "    'racekit demo verify NAME DIR/NAME.c'.\n"},

    {"demo verify",
     "NAME\n"
     "    racekit demo verify - check an attendee's fix of a demo\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo verify NAME FILE [--times N] [--compiler=clang|gcc]\n"
     "\n"
     "DESCRIPTION\n"
     "    Builds FILE with racekit's checker and runs it N times (default 3).\n"
     "    It passes when no run reports a data race, no run deadlocks (or takes\n"
     "    longer than 10 seconds), and every run prints exactly the fixed\n"
     "    program's output (demos/NAME/expected.txt). Otherwise it says which\n"
     "    of these failed.\n"
     "\n"
     "EXIT STATUS\n"
     "    0 when it passes, 1 when it fails or FILE does not compile.\n"},

    {"demo go",
     "NAME\n"
     "    racekit demo go - run a demo's Go twin with Go's race detector\n"
     "\n"
     "SYNOPSIS\n"
     "    racekit demo go NAME [--fixed] [-v]\n"
     "\n"
     "DESCRIPTION\n"
     "    Builds demos/NAME/go/racy.go (fixed.go with --fixed) with\n"
     "    'go build -race' and runs it, as 'go run -race' does, keeping the\n"
     "    program's exit status. Needs Go (apt-get install golang-go).\n"
     "\n"
     "EXIT STATUS\n"
     "    The program's: 66 when Go's detector reported a data race.\n"},
};

bool rk__help_print(const char *topic) {
  for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
    if (strcmp(pages[i].topic, topic) == 0) {
      fputs(pages[i].text, stdout);
      return true;
    }
  return false;
}

bool rk__is_help(const char *arg) {
  return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}
