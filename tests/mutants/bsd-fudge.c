/* bsd-fudge: the port applies the historical BSD fudge factor (a queue of
 * 3/2 of the backlog) on top of a kernel that already allows backlog + 1.
 * mutant-kind: bug
 * mutant-imitates: the backlog scaled by 3/2 (BSD's old fudge factor)
 * mutant-explains: ^(depth|limit)\.[a-z0-9-]+\.([2-9]|1[0-4])$
 * mutant-short: check_depth_ns16 */
#include "shim.h"
LISTEN_BACKLOG_SHIM(b > 0 && b < 0x55555555 ? b + b / 2 : b)
