#ifndef PARALLAX_CLIBEDIT_SHIM_H
#define PARALLAX_CLIBEDIT_SHIM_H

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <wchar.h>
#include <histedit.h>

/* Swift 6 cannot touch the C globals stdin/stdout/stderr (not concurrency-safe), and cannot
   call C variadic functions (el_set, el_get, history). Everything Swift needs from them goes
   through the static inline functions below.

   Parallax uses libedit's wide-character API (el_wgets, el_wline, el_winsertstr, HistoryW):
   on Linux and macOS a wchar_t is one Unicode scalar, which is exactly the unit of
   Completion.replacing. libedit still decodes input bytes with mbrtowc, so the process needs
   a UTF-8 LC_CTYPE (see LineEditingLocale.swift). */

static inline FILE *parallax_stdin(void) { return stdin; }
static inline FILE *parallax_stdout(void) { return stdout; }
static inline FILE *parallax_stderr(void) { return stderr; }

/* The callbacks libedit calls back into Swift. */
typedef wchar_t *(*parallax_prompt_fn)(EditLine *);
typedef unsigned char (*parallax_command_fn)(EditLine *, int);

/* ---- el_wset / el_wget ---- */

/* Prompt function; characters between two `escape` characters are printed but take no
   column (for colour sequences). */
static inline int parallax_el_set_prompt(EditLine *el, parallax_prompt_fn fn, wchar_t escape) {
    return el_wset(el, EL_PROMPT_ESC, fn, escape);
}

/* "emacs" or "vi". */
static inline int parallax_el_set_editor(EditLine *el, const wchar_t *name) {
    return el_wset(el, EL_EDITOR, name);
}

/* Non-zero: libedit restores the terminal around SIGINT, SIGTSTP, ... and follows SIGWINCH. */
static inline int parallax_el_set_signal(EditLine *el, int on) {
    return el_wset(el, EL_SIGNAL, on);
}

static inline int parallax_el_set_history(EditLine *el, HistoryW *history) {
    return el_wset(el, EL_HIST, history_w, history);
}

/* Registers `fn` as the editor command "parallax-complete". libedit keeps the name and help
   pointers (it does not copy them), hence the string literals. */
static inline int parallax_el_add_completion(EditLine *el, parallax_command_fn fn) {
    return el_wset(el, EL_ADDFN, L"parallax-complete", L"Complete the word before the cursor", fn);
}

/* Ctrl-C and Ctrl-Z while a line is edited. libedit's own SIGINT handling puts the terminal in
   cooked mode and counts on the signal interrupting its read(); a Ctrl-C that arrives while it
   redraws is lost and leaves the terminal cooked. So `isig` is turned off in edit mode and
   Ctrl-C comes in as a key, bound to `interrupt` ("parallax-interrupt"). Ctrl-Z is bound to a
   command that raises SIGTSTP itself; libedit's handler (EL_SIGNAL) restores the terminal
   around the stop and redraws on SIGCONT, so job control keeps working. */
static inline unsigned char parallax_suspend_command(EditLine *el, int ch) {
    (void)el; (void)ch;
    kill(0, SIGTSTP);
    return CC_REDISPLAY;
}

static inline int parallax_el_bind_interrupt_keys(EditLine *el, parallax_command_fn interrupt) {
    if (el_wset(el, EL_SETTY, L"-d", L"-isig", (const wchar_t *)NULL) != 0) return -1;
    if (el_wset(el, EL_ADDFN, L"parallax-interrupt", L"Abandon the line", interrupt) != 0) return -1;
    if (el_wset(el, EL_BIND, L"^C", L"parallax-interrupt", (const wchar_t *)NULL) != 0) return -1;
    if (el_wset(el, EL_ADDFN, L"parallax-suspend", L"Suspend parallax", parallax_suspend_command) != 0) return -1;
    return el_wset(el, EL_BIND, L"^Z", L"parallax-suspend", (const wchar_t *)NULL);
}

/* Binds one key sequence (e.g. L"^I") to a command name. */
static inline int parallax_el_bind(EditLine *el, const wchar_t *key, const wchar_t *command) {
    return el_wset(el, EL_BIND, key, command, (const wchar_t *)NULL);
}

static inline int parallax_el_set_client_data(EditLine *el, void *data) {
    return el_wset(el, EL_CLIENTDATA, data);
}

static inline void *parallax_el_get_client_data(EditLine *el) {
    void *data = NULL;
    if (el_wget(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/* ---- history_w ---- */

static inline int parallax_history_set_size(HistoryW *h, int size) {
    HistEventW ev;
    return history_w(h, &ev, H_SETSIZE, size);
}

static inline int parallax_history_set_unique(HistoryW *h, int unique) {
    HistEventW ev;
    return history_w(h, &ev, H_SETUNIQUE, unique);
}

static inline int parallax_history_enter(HistoryW *h, const wchar_t *line) {
    HistEventW ev;
    return history_w(h, &ev, H_ENTER, line);
}

/* The most recent entry, or NULL when the history is empty. Valid until the next change. */
static inline const wchar_t *parallax_history_first(HistoryW *h) {
    HistEventW ev;
    if (history_w(h, &ev, H_FIRST) != 0) return NULL;
    return ev.str;
}

/* Number of entries read, or -1. */
static inline int parallax_history_load(HistoryW *h, const char *path) {
    HistEventW ev;
    return history_w(h, &ev, H_LOAD, path);
}

/* Writes the whole history (with its header when fp is at offset 0); entries written or -1. */
static inline int parallax_history_save_fp(HistoryW *h, FILE *fp) {
    HistEventW ev;
    return history_w(h, &ev, H_SAVE_FP, fp);
}

/* Writes the `count` most recent entries (with the header only when fp is at offset 0). */
static inline int parallax_history_nsave_fp(HistoryW *h, size_t count, FILE *fp) {
    HistEventW ev;
    return history_w(h, &ev, H_NSAVE_FP, count, fp);
}

/* ---- signals and the terminal ---- */

/* Ignores `signo`, keeping the previous action in *previous. */
static inline int parallax_ignore_signal(int signo, struct sigaction *previous) {
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    return sigaction(signo, &ignore, previous);
}

static inline int parallax_restore_signal(int signo, const struct sigaction *previous) {
    return sigaction(signo, previous, NULL);
}

/* Columns of the terminal on `fd`, or 0 when it is not a terminal or does not say. */
static inline int parallax_terminal_columns(int fd) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

/* Rows of the terminal on `fd`, or 0 when it is not a terminal or does not say. */
static inline int parallax_terminal_rows(int fd) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_row;
}

#endif
