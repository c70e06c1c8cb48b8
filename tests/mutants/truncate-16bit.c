/* truncate-16bit: the backlog is stored in an unsigned 16-bit field (as
 * Linux's sk_max_ack_backlog once was), so 65536 becomes 0.
 * mutant-kind: bug
 * mutant-imitates: the backlog truncated to 16 bits
 * mutant-explains: ^(depth|limit)\.[a-z0-9-]+\.65536$
 * mutant-short: check_depth_ns16 */
#include "shim.h"
LISTEN_BACKLOG_SHIM((int)(unsigned short)b)
