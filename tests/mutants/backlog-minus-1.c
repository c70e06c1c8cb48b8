/* backlog-minus-1: the port passes backlog - 1 to the kernel (an off-by-one
 * in a translation layer that "corrects" for Linux's backlog + 1).
 * mutant-kind: bug
 * mutant-imitates: listen() passes backlog - 1 on
 * mutant-explains: ^(depth|limit)\.
 * mutant-short: check_depth_ns16 */
#include "shim.h"
LISTEN_BACKLOG_SHIM((int)((unsigned)b - 1u))
