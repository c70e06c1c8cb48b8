/* backlog-plus-1: the port passes backlog + 1 to the kernel.
 * mutant-kind: bug
 * mutant-imitates: listen() passes backlog + 1 on
 * mutant-explains: ^(depth|limit)\.
 * mutant-short: check_depth_ns16 */
#include "shim.h"
LISTEN_BACKLOG_SHIM((int)((unsigned)b + 1u))
