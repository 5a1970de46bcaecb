/* SPDX-License-Identifier: MIT */
/* expect: clean — condition variables, barriers (several rounds), once,
   semaphores, rwlocks, spin locks, trylock: each publishes data. */
#include <pthread.h>
#include <semaphore.h>

enum { N = 4, ROUNDS = 5 };

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready, cond_data;

static pthread_barrier_t bar;
static int slots[N];
static int round_sum[ROUNDS];

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_data;
static void init_once(void) { once_data = 7; }

static sem_t sem;
static int sem_data;

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int rw_data;

static pthread_spinlock_t spin;
static int spin_data;

static void *worker(void *arg) {
  long id = (long)arg;
  /* condition variable */
  pthread_mutex_lock(&mu);
  while (!ready)
    pthread_cond_wait(&cv, &mu);
  int c = cond_data;
  pthread_mutex_unlock(&mu);
  /* barrier rounds: write own slot, then read all slots */
  for (int r = 0; r < ROUNDS; r++) {
    slots[id] = r + (int)id;
    pthread_barrier_wait(&bar);
    int s = 0;
    for (int i = 0; i < N; i++)
      s += slots[i];
    if (id == 0)
      round_sum[r] = s;
    pthread_barrier_wait(&bar);
  }
  /* once */
  pthread_once(&once, init_once);
  c += once_data;
  /* rwlock */
  pthread_rwlock_rdlock(&rw);
  c += rw_data;
  pthread_rwlock_unlock(&rw);
  pthread_rwlock_wrlock(&rw);
  rw_data++;
  pthread_rwlock_unlock(&rw);
  /* spin lock */
  pthread_spin_lock(&spin);
  spin_data++;
  pthread_spin_unlock(&spin);
  /* trylock */
  while (pthread_mutex_trylock(&mu) != 0)
    ;
  cond_data++;
  pthread_mutex_unlock(&mu);
  return (void *)(long)c;
}

static void *sem_producer(void *arg) {
  (void)arg;
  sem_data = 99;
  sem_post(&sem);
  return 0;
}

int main(void) {
  pthread_t t[N], sp;
  pthread_barrier_init(&bar, 0, N);
  pthread_spin_init(&spin, 0);
  sem_init(&sem, 0, 0);
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], 0, worker, (void *)i);
  pthread_mutex_lock(&mu);
  cond_data = 5;
  ready = 1;
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&mu);
  pthread_create(&sp, 0, sem_producer, 0);
  sem_wait(&sem);
  int ok = sem_data == 99;
  for (int i = 0; i < N; i++)
    pthread_join(t[i], 0);
  pthread_join(sp, 0);
  ok = ok && rw_data == N && spin_data == N && cond_data == 5 + N;
  for (int r = 0; r < ROUNDS; r++)
    ok = ok && round_sum[r] == N * r + N * (N - 1) / 2;
  pthread_barrier_destroy(&bar);
  return ok ? 0 : 1;
}
