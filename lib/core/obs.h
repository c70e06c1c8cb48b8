/* obs.h: one observation, the result of running one catalogue case.
 *
 * An observation is a single token plus an optional note:
 *   ok                the call under test succeeded (and any extra check held)
 *   EINVAL            the call under test failed with this errno
 *   STEP:EADDRINUSE   the situation could not be built: STEP failed with errno
 *   WORD              an observer-specific outcome (see the observer's words)
 *   1025              an integer (a queue depth, a limit)
 *   skip              the case cannot run here; the note says why
 * The note is free text (the skip reason, or a detail worth recording). */
#ifndef LC_OBS_H
#define LC_OBS_H

#include <stddef.h>

#define OBS_TOKEN_MAX 64
#define OBS_NOTE_MAX 256

struct obs {
	char token[OBS_TOKEN_MAX];
	char note[OBS_NOTE_MAX];
};

void obs_clear(struct obs *o);
void obs_ok(struct obs *o);
void obs_errno(struct obs *o, int err);
void obs_step_errno(struct obs *o, const char *step, int err);
void obs_word(struct obs *o, const char *word);
void obs_int(struct obs *o, long long value);
void obs_skip(struct obs *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void obs_note(struct obs *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int obs_is_skip(const struct obs *o);
int obs_is_set(const struct obs *o);

#endif
