/* einval-to-eisconn: listen() on a connected socket gives EISCONN, which
 * POSIX does not list for listen() (E3 says EINVAL).
 * mutant-kind: bug
 * mutant-imitates: errno EINVAL reported as EISCONN
 * mutant-explains: ^errno\.(socketpair-stream|connected-|accepted-|connecting-|unbound-unix)
 * mutant-short: check_errors */
#include "shim.h"
LISTEN_ERRNO_SHIM(EINVAL, EISCONN)
