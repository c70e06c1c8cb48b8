/* eopnotsupp-to-einval: listen() on a datagram or raw socket gives EINVAL
 * instead of EOPNOTSUPP.
 * mutant-kind: bug
 * mutant-imitates: errno EOPNOTSUPP reported as EINVAL
 * mutant-explains: ^errno\.(udp4|udp6|unix-dgram|socketpair-dgram|raw4)$
 * mutant-short: check_errors */
#include "shim.h"
LISTEN_ERRNO_SHIM(EOPNOTSUPP, EINVAL)
