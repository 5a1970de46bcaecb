/* SPDX-License-Identifier: MIT */
// expect: norace
/* Everything a thread runs after its start routine, and pthread_join
   returns after all of it: a cleanup handler run by pthread_exit, then a
   thread-specific-data destructor that sets its key again for two more
   rounds of destructors, all writing shared data that main reads after
   the join: no race (the join is the edge). TSan agrees. */
#include "corpus.h"

int cleaned, destroyed;
static pthread_key_t key;

static void destroy(void *value) {
  destroyed++; /* once per round */
  long left = (long)value - 1;
  if (left > 0)
    pthread_setspecific(key, (void *)left); /* run again next round */
}

static void cleanup(void *arg) {
  (void)arg;
  cleaned = 1;
}

static void *worker(void *arg) {
  pthread_setspecific(key, (void *)3L);
  pthread_cleanup_push(cleanup, NULL);
  pthread_exit(arg);
  pthread_cleanup_pop(0);
  return NULL;
}

int main(void) {
  if (pthread_key_create(&key, destroy) != 0)
    return 3;
  pthread_t t = spawn(worker, NULL);
  join(t);
  if (cleaned != 1 || destroyed != 3) {
    fprintf(stderr, "cleaned %d destroyed %d\n", cleaned, destroyed);
    return 1;
  }
  return 0;
}
