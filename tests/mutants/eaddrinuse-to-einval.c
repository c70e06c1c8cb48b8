/* eaddrinuse-to-einval: a listener on an address another socket already
 * listens on gives EINVAL instead of EADDRINUSE.
 * mutant-kind: bug
 * mutant-imitates: errno EADDRINUSE reported as EINVAL
 * mutant-explains: ^errno\.(reuseaddr-twin-|ephemeral-exhausted-)
 * mutant-short: check_errors */
#include "shim.h"
LISTEN_ERRNO_SHIM(EADDRINUSE, EINVAL)
