/* truncate-16bit: the backlog is stored in an unsigned 16-bit field, so
 * 65536 and INT_MIN become 0.
 * mutant-kind: bug
 * mutant-imitates: the backlog truncated to 16 bits
 * mutant-explains: ^(depth|limit)\.[a-z0-9-]+\.(65536|INT_MIN)$
 * mutant-short: check_depth_ns16 */
#include "shim.h"
LISTEN_BACKLOG_SHIM((int)(unsigned short)b)
