#ifndef PARALLAX_CLIBEDIT_SHIM_H
#define PARALLAX_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <histedit.h>

/* Swift 6 cannot touch the C globals stdin/stdout/stderr (not concurrency-safe), and cannot
   call C variadic functions (el_set, el_get, history). Everything Swift needs from them goes
   through the static inline functions below. */

static inline FILE *parallax_stdin(void) { return stdin; }
static inline FILE *parallax_stdout(void) { return stdout; }
static inline FILE *parallax_stderr(void) { return stderr; }

#endif
