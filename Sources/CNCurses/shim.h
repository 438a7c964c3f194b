#pragma once

// The C surface `CursesTerminal` needs from ncursesw and libc.
//
// Swift cannot import function-like macros, variadic functions, or (in Swift 6) the mutable C
// globals ncurses exports (`stdscr`, `LINES`, `COLORS`, ...). Each one is wrapped here in a
// `static inline` function. Keep this file small: anything that can be written in Swift is.
//
// SwiftPM drops the `-D` flags pkg-config reports, so the wide-character API is switched on here,
// before the first include.
//
// Pitfall: `static` state in this header (the signal flag, the saved crash handlers) exists once
// per Swift *object file* that uses it, because debug builds compile each Swift file separately
// and each gets its own copy of a static inline function and the statics it touches. Every use
// of that state therefore lives in one Swift file, `TerminalSignals.swift`.

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <ncursesw/ncurses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <wchar.h>

// MARK: - ncurses globals

static inline WINDOW *care_stdscr(void) { return stdscr; }
static inline WINDOW *care_curscr(void) { return curscr; }
static inline int care_lines(void) { return LINES; }
static inline int care_cols(void) { return COLS; }
static inline int care_colors(void) { return COLORS; }
static inline int care_color_pairs(void) { return COLOR_PAIRS; }

/// Width and height of a window (`getmaxyx` is a macro that assigns to its arguments).
static inline void care_getmaxyx(WINDOW *window, int *rows, int *columns) {
    int y = 0, x = 0;
    getmaxyx(window, y, x);
    *rows = y;
    *columns = x;
}

/// A screen on the process's own stdin/stdout (`stdin`/`stdout` are C globals Swift 6 rejects).
/// Unlike `initscr`, `newterm` returns NULL for an unknown terminal type instead of exiting.
static inline SCREEN *care_newterm(const char *terminal_type) {
    return newterm(terminal_type, stdout, stdin);
}

static inline int care_set_escdelay(int milliseconds) { return set_escdelay(milliseconds); }

/// Until a screen has once been suspended (`endwin`) and resumed, ncurses flushes its output
/// after every cursor movement (it takes the screen for one used by low-level terminfo
/// programs), so a frame went out in about twenty `write()` calls. One suspend and resume at
/// start makes it flush once per `doupdate`.
static inline void care_resume_screen_once(void) {
    endwin();
    doupdate();
}

// MARK: - Attributes and colour pairs (computed macros)

static inline attr_t care_a_normal(void) { return A_NORMAL; }
static inline attr_t care_a_bold(void) { return A_BOLD; }
static inline attr_t care_a_dim(void) { return A_DIM; }
static inline attr_t care_a_underline(void) { return A_UNDERLINE; }
static inline attr_t care_a_reverse(void) { return A_REVERSE; }
static inline attr_t care_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

// MARK: - Keys

/// The key code of function key `n` (`KEY_F(n)` is a macro).
static inline int care_key_f(int n) { return KEY_F(n); }

/// The key code ncurses gave the key that terminfo capability `name` describes ("kLFT5" is
/// Ctrl-←), or 0 when the terminal has no such key. Only valid after `newterm` and `keypad`.
/// `tigetstr` reports a name that is not a string capability as `(char *)-1`, which Swift
/// cannot test for; `key_defined` reports a sequence bound to no key, or to several, as 0 or -1.
static inline int care_extended_key_code(const char *name) {
    const char *sequence = tigetstr(name);
    if (sequence == NULL || sequence == (const char *)-1) return 0;
    int code = key_defined(sequence);
    return code > 0 ? code : 0;
}

// MARK: - Bracketed paste

/// A terminfo string capability, or NULL when the terminal has none (`tigetstr` reports a name
/// that is not a string capability as `(char *)-1`).
static inline const char *care_tigetstr(const char *name) {
    const char *value = tigetstr(name);
    return value == (const char *)-1 ? NULL : value;
}

/// Writes a terminfo string (`BE`: bracketed paste on) and sends it at once: `putp` goes through
/// stdio's buffer, which curses' own output does not flush, so unflushed it reached the terminal
/// only at exit.
static inline int care_putp(const char *value) { int status = putp(value); fflush(stdout); return status; }

/// Makes ncurses return `code` when the terminal sends `sequence` (the paste markers).
static inline int care_define_key(const char *sequence, int code) { return define_key(sequence, code); }

/// Whether any key is bound to `code` already.
static inline int care_code_is_free(int code) { return keybound(code, 0) == NULL; }

// MARK: - Characters

static inline int care_wcwidth(wchar_t c) { return wcwidth(c); }

/// The locale's character set name (e.g. "UTF-8"); `CODESET` is an enum Swift may not see.
static inline const char *care_codeset(void) { return nl_langinfo(CODESET); }

// MARK: - Process

/// `prctl` is variadic. Pass 0 so a crash cannot write a core file holding records in memory.
static inline int care_prctl_set_dumpable(int dumpable) {
    return prctl(PR_SET_DUMPABLE, (unsigned long)dumpable, 0UL, 0UL, 0UL);
}

// MARK: - Leaving the screen clean

/// Blanks the screen and ends curses mode, once. Safe before `newterm` (does nothing).
///
/// Blanking matters where there is no alternate screen (or the terminal ignores it, or copies
/// it back on leaving, as tmux does after a resize): records must not stay on view or reach the
/// scrollback once the program is gone. tmux, VTE and others copy the whole screen into their
/// scrollback on a clear from the top-left corner, which is what `werase` + `doupdate` sends.
/// So the first row is blanked on its own while the rest still has text (ncurses can only use
/// erase-in-line), then the other rows (a clear that starts on row 1). Output stays inside
/// ncurses: `putp` writes through stdio and would arrive after `endwin`'s own output.
static inline void care_leave_screen(void) {
    if (stdscr == NULL || isendwin()) return;
    // Bracketed paste off again (a no-op where it was never on), on every way out.
    const char *paste_off = tigetstr("BD");
    if (paste_off != NULL && paste_off != (const char *)-1) putp(paste_off);
    int rows = getmaxy(stdscr);
    wmove(stdscr, 0, 0);
    wclrtoeol(stdscr);
    wnoutrefresh(stdscr);
    doupdate();
    for (int row = 1; row < rows; ++row) {
        wmove(stdscr, row, 0);
        wclrtoeol(stdscr);
    }
    wnoutrefresh(stdscr);
    doupdate();
    endwin();
}

static inline void care_exit_handler(void) { care_leave_screen(); }

/// Restores the terminal when the process calls `exit` without `CursesTerminal.restore()`.
static inline int care_install_exit_restore(void) { return atexit(care_exit_handler); }

// MARK: - Stop signals (TerminalSignals.stopSignals)

static volatile sig_atomic_t care_signal_flag = 0;

static inline void care_stop_signal_handler(int signal_number) {
    (void)signal_number;
    care_signal_flag = 1;
}

/// Installs a flag-setting handler without SA_RESTART, so a blocked read returns with EINTR.
static inline int care_install_stop_signal(int signal_number) {
    struct sigaction action;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    action.sa_handler = care_stop_signal_handler;
    return sigaction(signal_number, &action, NULL);
}

static inline int care_stop_requested(void) { return care_signal_flag != 0; }

/// Puts the default action back for a signal (`SIG_DFL` is a cast macro).
static inline int care_reset_signal(int signal_number) {
    struct sigaction action;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    action.sa_handler = SIG_DFL;
    return sigaction(signal_number, &action, NULL);
}

// MARK: - Fatal signals (TerminalSignals.fatalSignals)

/// What handled each fatal signal before us (Swift's backtracer, or the default). A
/// function-local static: Swift does not emit a header's file-scope array without an
/// initializer, and the link fails.
static inline struct sigaction *care_previous_fatal_action(int signal_number) {
    static struct sigaction actions[NSIG];
    return &actions[signal_number];
}

/// Whether a crash is handed on to the previous handler (a developer asked for Swift's
/// backtraces) or ends here.
static inline volatile sig_atomic_t *care_fatal_hand_on(void) {
    static volatile sig_atomic_t hand_on = 0;
    return &hand_on;
}

/// "care stopped: internal error (signal NN); the terminal was restored.\n" with the number
/// written by hand (`snprintf` is not async-signal-safe), and nothing from memory.
static inline void care_write_crash_line(int signal_number) {
    char line[160];
    const char *head = "care stopped: internal error (signal ";
    const char *tail = "); the terminal was restored. Saved work is in the store.\n";
    size_t length = 0;
    for (const char *c = head; *c != 0; ++c) line[length++] = *c;
    int n = signal_number;
    char digits[4];
    int count = 0;
    do { digits[count++] = (char)('0' + n % 10); n /= 10; } while (n > 0 && count < 4);
    while (count > 0) line[length++] = digits[--count];
    for (const char *c = tail; *c != 0 && length < sizeof(line); ++c) line[length++] = *c;
    ssize_t written = write(STDERR_FILENO, line, length);
    (void)written;
}

/// On a crash: blanks the screen and leaves curses mode (so no record stays on view or reaches
/// the scrollback), writes one line without any record text, and exits at once with 128 + the
/// signal number — never handing the crash to Swift's interactive backtracer, which would wait
/// for keys at the terminal and could print memory. Only when a developer asked for backtraces
/// (`care_fatal_hand_on`) is the previous handler put back and the signal raised again.
/// `care_leave_screen` is not async-signal-safe; on a crash that is the lesser evil.
static inline void care_fatal_signal_handler(int signal_number) {
    care_leave_screen();
    if (*care_fatal_hand_on()) {
        sigaction(signal_number, care_previous_fatal_action(signal_number), NULL);
        raise(signal_number);
        return;
    }
    care_write_crash_line(signal_number);
    _exit(128 + signal_number);
}

/// A stack of its own for the handler, so a crash from a stack overflow can still restore the
/// terminal. Allocated once, never freed.
static inline int care_install_signal_stack(void) {
    static int installed = 0;
    if (installed) return 0;
    stack_t stack;
    stack.ss_size = 64 * 1024;
    stack.ss_sp = malloc(stack.ss_size);
    stack.ss_flags = 0;
    if (stack.ss_sp == NULL) return -1;
    installed = 1;
    return sigaltstack(&stack, NULL);
}

static inline int care_install_fatal_signal(int signal_number, int hand_on) {
    *care_fatal_hand_on() = hand_on ? 1 : 0;
    struct sigaction action;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_NODEFER | SA_ONSTACK;
    action.sa_handler = care_fatal_signal_handler;
    return sigaction(signal_number, &action, care_previous_fatal_action(signal_number));
}

// MARK: - Cursor addressing, before any screen is set up

// From <term.h>, which is not included: its capability macros (`columns`, `lines`, …) would
// rename identifiers in this header and in Swift's view of it.
extern int setupterm(const char *, int, int *);

/// Whether terminfo describes `terminal_type` as able to move the cursor (`cup`): 1 when it
/// can, 0 when it cannot (`dumb`, a printing terminal), -1 when terminfo does not know the type.
/// Reads terminfo only; nothing is written to the terminal (`TERM=dumb` used to get a blank
/// screen and the raw background query).
static inline int care_terminal_addresses_cursor(const char *terminal_type) {
    int error = 0;
    if (setupterm(terminal_type, STDOUT_FILENO, &error) != OK) {
        // 1: a hardcopy terminal, which cannot address the cursor either.
        return error == 1 ? 0 : -1;
    }
    const char *cup = tigetstr("cup");
    return (cup != NULL && cup != (const char *)-1) ? 1 : 0;
}
