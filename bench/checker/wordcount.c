/* SPDX-License-Identifier: MIT */
/* Benchmark shape "realistic mixed": a parallel word count. Main generates
 * a text of pseudo-random words; four threads tokenize a quarter each and
 * count words in a shared hash table with one mutex per bucket (entries
 * malloc'd on first sight); main then finds the most frequent word.
 * Loads, stores, hashing, locks and malloc in one program.
 * Usage: wordcount [WORDS] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { THREADS = 4, BUCKETS = 1024, VOCAB = 4096 };

typedef struct entry {
  struct entry *next; /* guarded by the bucket's lock */
  long count;         /* guarded by the bucket's lock */
  char word[];        /* immutable after insertion */
} entry;

typedef struct bucket {
  pthread_mutex_t lock;
  entry *head; /* guarded by lock */
} bucket;

static bucket table[BUCKETS];
static char *text; /* immutable while the workers run */
static size_t text_len;

static unsigned long hash(const char *s, size_t n) {
  unsigned long h = 1469598103934665603ul;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ul;
  return h;
}

static void count_word(const char *w, size_t n) {
  bucket *b = &table[hash(w, n) % BUCKETS];
  pthread_mutex_lock(&b->lock);
  entry *e = b->head;
  while (e && !(strlen(e->word) == n && memcmp(e->word, w, n) == 0)) e = e->next;
  if (!e) {
    e = malloc(sizeof *e + n + 1);
    if (!e) abort();
    memcpy(e->word, w, n);
    e->word[n] = '\0';
    e->count = 0;
    e->next = b->head;
    b->head = e;
  }
  e->count++;
  pthread_mutex_unlock(&b->lock);
}

static void *worker(void *arg) {
  long id = (long)arg;
  size_t lo = (size_t)id * text_len / THREADS, hi = (size_t)(id + 1) * text_len / THREADS;
  /* Start at a word boundary; the word crossing hi belongs to this part. */
  if (id > 0)
    while (lo < text_len && text[lo - 1] != ' ') lo++;
  size_t i = lo;
  while (i < hi) {
    size_t start = i;
    while (i < text_len && text[i] != ' ') i++;
    if (i > start) count_word(text + start, i - start);
    i++;
  }
  return NULL;
}

int main(int argc, char **argv) {
  long words = argc > 1 ? atol(argv[1]) : 4000000;
  static char vocab[VOCAB][12];
  unsigned x = 12345;
  for (int v = 0; v < VOCAB; v++) {
    int len = 3 + v % 8;
    for (int k = 0; k < len; k++) {
      x = x * 1103515245u + 12345u;
      vocab[v][k] = (char)('a' + (x >> 16) % 26);
    }
    vocab[v][len] = '\0';
  }
  text = malloc((size_t)words * 12 + 1);
  if (!text) return 1;
  size_t pos = 0;
  for (long w = 0; w < words; w++) {
    x = x * 1103515245u + 12345u;
    unsigned r1 = (x >> 8) % VOCAB;
    x = x * 1103515245u + 12345u;
    unsigned r2 = (x >> 8) % VOCAB;
    const char *s = vocab[r1 < r2 ? r1 : r2]; /* skewed towards the first words */
    size_t n = strlen(s);
    memcpy(text + pos, s, n);
    pos += n;
    text[pos++] = ' ';
  }
  text_len = pos;
  for (int i = 0; i < BUCKETS; i++) pthread_mutex_init(&table[i].lock, NULL);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  long total = 0, best = 0, distinct = 0;
  const char *best_word = "";
  for (int i = 0; i < BUCKETS; i++) {
    for (entry *e = table[i].head, *next; e; e = next) {
      next = e->next;
      total += e->count;
      distinct++;
      if (e->count > best || (e->count == best && strcmp(e->word, best_word) < 0)) {
        best = e->count;
        best_word = e->word;
      }
    }
  }
  printf("wordcount %ld words, %ld distinct, top %ld\n", total, distinct, best);
  free(text);
  return total == words ? 0 : 1;
}
