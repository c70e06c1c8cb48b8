/* enotsock-to-ebadf: a descriptor that is not a socket gives EBADF (the
 * port's fd lookup fails the same way for "no file" and "no socket").
 * mutant-kind: bug
 * mutant-imitates: errno ENOTSOCK reported as EBADF
 * mutant-explains: ^errno\.(regular-file|pipe|char-device|directory)$
 * mutant-short: check_errors */
#include "shim.h"
LISTEN_ERRNO_SHIM(ENOTSOCK, EBADF)
