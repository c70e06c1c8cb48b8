/* check_lifecycle: a listener's life after listen() (lifecycle.*):
 * shutdown, close with connections waiting, bind and connect on a
 * listener, SO_ACCEPTCONN, and the special listeners (run "lifecycle" of
 * tests/runs.c), each judged against results/<platform>.exp. */
#include "harness.h"

int main(void)
{
	return harness_main("lifecycle");
}
