/* check_errors: the error cases (errno.*) and SO_ACCEPTCONN (accepting.*),
 * each judged against results/<platform>.exp (run "errors" of tests/runs.c). */
#include "harness.h"

int main(void)
{
	return harness_main("errors");
}
