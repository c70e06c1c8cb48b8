/* negative-to-SOMAXCONN: a C library replaces a negative backlog by the
 * header's SOMAXCONN before the system call.  On a Linux host whose
 * net.core.somaxconn equals the header's SOMAXCONN (glibc: 4096) and in a
 * namespace with a smaller somaxconn, the kernel's clamp hides it.
 * mutant-kind: bug
 * mutant-imitates: a negative backlog replaced by the header's SOMAXCONN
 * mutant-explains: ^(depth|limit)\.[a-z0-9-]+\.(-1|INT_MIN)$
 * mutant-short: check_depth_ns16 */
#include "shim.h"
LISTEN_BACKLOG_SHIM(b < 0 ? SOMAXCONN : b)
