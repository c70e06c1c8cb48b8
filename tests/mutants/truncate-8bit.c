/* truncate-8bit: the backlog is stored in an unsigned 8-bit field.
 * mutant-kind: bug
 * mutant-imitates: the backlog truncated to 8 bits
 * mutant-explains: ^(depth|limit)\.
 * mutant-short: check_depth_ns16 */
#include "shim.h"
LISTEN_BACKLOG_SHIM((int)(unsigned char)b)
