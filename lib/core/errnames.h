/* errnames.h: errno values <-> their symbolic names (EINVAL, ...). */
#ifndef LC_ERRNAMES_H
#define LC_ERRNAMES_H

#include <stddef.h>

/* The symbolic name of err; an unknown value is written as "errno-N"
 * into buf, which is returned. */
const char *errno_name(int err, char *buf, size_t len);

/* The value of a symbolic name, or -1 when this system has no such errno. */
int errno_value(const char *name);

/* Non-zero when name is an errno name this suite knows on any platform,
 * even if this system lacks it (so a FreeBSD file parses on Linux). */
int errno_name_known(const char *name);

#endif
