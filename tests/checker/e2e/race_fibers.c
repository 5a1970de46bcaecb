/* SPDX-License-Identifier: MIT */
/* expect: race 1 — the fiber API of sanitizer/tsan_interface.h: each fiber
   is its own logical thread even on one OS thread. A switch with flag 1
   (no synchronization) orders nothing: the fiber's write races with main's
   later write. A switch with flags 0 synchronizes: the second variable is
   race-free. */
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
void __tsan_set_fiber_name(void *fiber, const char *name);

int unsynced, synced;

__attribute__((noinline)) static void as_fiber(void) {
  unsynced = 1; /* RACE */
  synced = 1;
}

int main(void) {
  void *self = __tsan_get_current_fiber();
  void *f = __tsan_create_fiber(0);
  __tsan_set_fiber_name(f, "worker");
  /* unsynchronized round trip */
  __tsan_switch_to_fiber(f, 1);
  as_fiber();
  __tsan_switch_to_fiber(self, 1);
  unsynced = 2; /* RACE */
  /* synchronized round trip */
  __tsan_switch_to_fiber(f, 0);
  synced = 2;
  __tsan_switch_to_fiber(self, 0);
  synced = 3;
  __tsan_destroy_fiber(f);
  return 0;
}
