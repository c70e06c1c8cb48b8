/* negative-to-zero: a negative backlog is clamped to 0, as POSIX A8 reads
 * ("as if 0"), on a platform whose expectation (Linux) says it is not.
 * mutant-kind: bug
 * mutant-imitates: a negative backlog clamped to 0
 * mutant-explains: ^(depth|limit)\.[a-z0-9-]+\.(-1|INT_MIN)$
 * mutant-short: check_depth_ns16 */
#include "shim.h"
LISTEN_BACKLOG_SHIM(b < 0 ? 0 : b)
