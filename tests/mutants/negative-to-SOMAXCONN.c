/* negative-to-SOMAXCONN: a C library replaces a negative backlog by the
 * header's SOMAXCONN before the system call.  Where net.core.somaxconn
 * equals the header's SOMAXCONN (glibc: 4096), as on this host, or is
 * smaller, the kernel's clamp hides it: only the run above SOMAXCONN
 * (tests/check_depth_above) shows it.
 * mutant-kind: bug
 * mutant-imitates: a negative backlog replaced by the header's SOMAXCONN
 * mutant-explains: ^(depth|limit)\.[a-z0-9-]+\.(-1|INT_MIN)$
 * mutant-short: check_depth_above */
#include "shim.h"
LISTEN_BACKLOG_SHIM(b < 0 ? SOMAXCONN : b)
