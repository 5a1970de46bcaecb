/* SPDX-License-Identifier: MIT */
/* Symbolizer over elfutils libdw; see symbolize.h.
 * DESIGN: one Dwfl for the process, reported from /proc/self/maps
 * (dwfl_linux_proc_report) on first use and again when a PC falls outside
 * every known module (a library loaded later). Line info comes from the
 * line table (dwfl_module_getsrc); function names and inline frames from
 * the DIE scopes around the PC (dwarf_getscopes): each
 * DW_TAG_inlined_subroutine is a frame whose caller continues at its
 * DW_AT_call_file/line/column, up to the DW_TAG_subprogram. Everything,
 * libdw included (it is not thread-safe), runs under sym_lock.
 */
#define _GNU_SOURCE
#include "symbolize.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rmem.h"

enum { MAX_INLINE = 32 };

typedef struct entry {
  uintptr_t pc;          /* 0: free slot */
  int n;
  const rkc__frame *f;
} entry;

static rkc__rlock sym_lock;
static Dwfl *dwfl;           /* guarded by sym_lock */
static bool dwfl_failed;     /* guarded by sym_lock */
static entry *tab;           /* guarded by sym_lock: PC -> frames */
static size_t tab_cap, tab_n; /* guarded by sym_lock */

static int find_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname, Dwarf_Addr base,
                          const char *file_name, const char *debuglink_file, GElf_Word debuglink_crc,
                          char **debuginfo_file_name) {
  /* Local /usr/lib/debug only: dwfl_standard_find_debuginfo may ask a
     debuginfod server over the network in the middle of a report. */
  return dwfl_build_id_find_debuginfo(mod, userdata, modname, base, file_name, debuglink_file,
                                      debuglink_crc, debuginfo_file_name);
}

static const Dwfl_Callbacks callbacks = {
    .find_elf = dwfl_linux_proc_find_elf,
    .find_debuginfo = find_debuginfo,
};

static void indexes_clear(void);

static void report_modules(void) {
  indexes_clear(); /* modules may go away: the indexes hold their DIEs */
  dwfl_report_begin(dwfl);
  /* The calling thread's view of the mappings: once the main thread has
     exited (pthread_exit from main), /proc/<pid> is that of a zombie and
     lists none; /proc/thread-self is the live reporting thread. */
  FILE *maps = fopen("/proc/thread-self/maps", "r");
  if (maps) {
    dwfl_linux_proc_maps_report(dwfl, maps);
    fclose(maps);
  } else {
    dwfl_linux_proc_report(dwfl, getpid());
  }
  dwfl_report_end(dwfl, NULL, NULL);
}

static Dwfl *get_dwfl(void) {
  if (!dwfl && !dwfl_failed) {
    dwfl = dwfl_begin(&callbacks);
    if (!dwfl) {
      dwfl_failed = true;
      return NULL;
    }
    report_modules();
  }
  return dwfl;
}

static const char *base_name(const char *path) {
  if (!path)
    return NULL;
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* Interned module strings: a module is symbolised many times. */
static const char *intern(const char *s) {
  static struct {
    const char *k;
  } pool[256]; /* guarded by sym_lock */
  if (!s)
    return NULL;
  for (size_t i = 0; i < sizeof pool / sizeof pool[0]; i++) {
    if (!pool[i].k) {
      pool[i].k = rkc__rmem_strdup(s);
      return pool[i].k;
    }
    if (strcmp(pool[i].k, s) == 0)
      return pool[i].k;
  }
  return rkc__rmem_strdup(s);
}

static const char *build_id_hex(Dwfl_Module *m) {
  const unsigned char *bits;
  GElf_Addr vaddr;
  int n = dwfl_module_build_id(m, &bits, &vaddr);
  if (n <= 0 || n > 64)
    return NULL;
  char hex[129];
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < n; i++) {
    hex[2 * i] = digits[bits[i] >> 4];
    hex[2 * i + 1] = digits[bits[i] & 15];
  }
  hex[2 * n] = 0;
  return intern(hex);
}

static Dwfl_Module *module_of(uintptr_t addr) {
  Dwfl *d = get_dwfl();
  if (!d)
    return NULL;
  Dwfl_Module *m = dwfl_addrmodule(d, addr);
  if (!m) { /* a library loaded since: report the maps again */
    report_modules();
    m = dwfl_addrmodule(d, addr);
  }
  return m;
}

static unsigned long udata(Dwarf_Die *die, unsigned name) {
  Dwarf_Attribute a;
  Dwarf_Word w;
  if (!dwarf_attr(die, name, &a) || dwarf_formudata(&a, &w) != 0)
    return 0;
  return (unsigned long)w;
}

/* The compilation unit holding addr. dwfl_module_addrdie() needs
   .debug_aranges, which clang does not emit by default (-gdwarf-aranges)
   and gcc does. With none at all it finds nothing; with some CUs covered
   and others not (clang code linked with a gcc-built library) it is
   worse: libdwfl stretches each arange up to the next one, so a PC of an
   uncovered CU is given to the covered CU before it, where no line or
   scope matches. Its answer is therefore checked (dwarf_haspc), and
   otherwise the address ranges of every CU of the module (dwarf_ranges)
   are collected once into a sorted index. */
typedef struct cu_range {
  Dwarf_Addr lo, hi;     /* [lo, hi) in the process's addresses */
  Dwarf_Addr max_hi;     /* the largest hi of this range and all before it */
  Dwarf_Die *cu;         /* owned by the Dwfl: stable while it lives */
  Dwarf_Addr bias;
} cu_range;

typedef struct cu_index {
  Dwfl_Module *m;
  cu_range *r;
  size_t n, bytes;
} cu_index;

enum { MAX_INDEXED = 64 };
static cu_index cu_idx[MAX_INDEXED]; /* guarded by sym_lock */
static size_t n_cu_idx;              /* guarded by sym_lock */

static void var_index_clear(void);

static void indexes_clear(void) {
  for (size_t i = 0; i < n_cu_idx; i++)
    rkc__rmem_unmap(cu_idx[i].r, cu_idx[i].bytes);
  n_cu_idx = 0;
  var_index_clear();
}

static int cmp_range(const void *a, const void *b) {
  const cu_range *x = a, *y = b;
  return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static cu_index *cu_index_of(Dwfl_Module *m) {
  for (size_t i = 0; i < n_cu_idx; i++)
    if (cu_idx[i].m == m)
      return &cu_idx[i];
  if (n_cu_idx == MAX_INDEXED)
    return NULL;
  cu_index *x = &cu_idx[n_cu_idx];
  *x = (cu_index){.m = m};
  size_t cap = 0;
  Dwarf_Die *cu = NULL;
  Dwarf_Addr b = 0;
  while ((cu = dwfl_module_nextcu(m, cu, &b)) != NULL) {
    Dwarf_Addr base, lo, hi;
    ptrdiff_t off = 0;
    while ((off = dwarf_ranges(cu, off, &base, &lo, &hi)) > 0) {
      /* Code dropped by the linker (--gc-sections) keeps its ranges with
         a tombstone start: 0 (ld.bfd, gold) or -1 (lld). */
      if (lo == 0 || lo >= hi)
        continue;
      if (x->n == cap) {
        size_t ncap = cap ? cap * 2 : 256;
        cu_range *nr = rkc__rmem_map(ncap * sizeof *nr);
        if (!nr) {
          rkc__rmem_unmap(x->r, x->bytes);
          return NULL;
        }
        if (x->n)
          memcpy(nr, x->r, x->n * sizeof *nr);
        rkc__rmem_unmap(x->r, x->bytes);
        x->r = nr;
        x->bytes = ncap * sizeof *nr;
        cap = ncap;
      }
      x->r[x->n++] = (cu_range){.lo = lo + b, .hi = hi + b, .cu = cu, .bias = b};
    }
  }
  if (x->n)
    qsort(x->r, x->n, sizeof *x->r, cmp_range);
  Dwarf_Addr max_hi = 0;
  for (size_t i = 0; i < x->n; i++) {
    if (x->r[i].hi > max_hi)
      max_hi = x->r[i].hi;
    x->r[i].max_hi = max_hi;
  }
  n_cu_idx++;
  return x;
}

static Dwarf_Die *find_cu(Dwfl_Module *m, Dwarf_Addr a, Dwarf_Addr *bias) {
  cu_index *x = cu_index_of(m);
  if (x) {
    size_t lo = 0, hi = x->n; /* the last range starting at or below a */
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (x->r[mid].lo <= a)
        lo = mid + 1;
      else
        hi = mid;
    }
    /* The innermost range holding a starts last: walk back while an
       earlier range could still reach a. */
    for (size_t i = lo; i-- > 0 && x->r[i].max_hi > a;) {
      if (a < x->r[i].hi) {
        *bias = x->r[i].bias;
        return x->r[i].cu;
      }
    }
    return NULL;
  }
  Dwarf_Die *cu = NULL; /* too many modules to index: ask each CU */
  Dwarf_Addr b = 0;
  while ((cu = dwfl_module_nextcu(m, cu, &b)) != NULL) {
    if (dwarf_haspc(cu, a - b) > 0) {
      *bias = b;
      return cu;
    }
  }
  return NULL;
}

/* Fill out[0..] for pc; returns the number of frames (>= 1). */
static int symbolize(uintptr_t pc, rkc__frame *out, int max) {
  uintptr_t a = pc ? pc - 1 : 0;
  rkc__frame base = {.pc = pc};
  Dwfl_Module *m = module_of(a);
  if (!m) {
    out[0] = base;
    return 1;
  }
  Dwarf_Addr low = 0;
  const char *modname = dwfl_module_info(m, NULL, &low, NULL, NULL, NULL, NULL, NULL);
  base.module = intern(base_name(modname));
  Dwarf_Addr elf_bias = 0;
  if (dwfl_module_getelf(m, &elf_bias))
    base.module_off = a - elf_bias;
  else
    base.module_off = a - low;
  base.build_id = build_id_hex(m); /* known once the ELF is loaded */
  GElf_Off off = 0;
  GElf_Sym sym;
  const char *symname = dwfl_module_addrinfo(m, a, &off, &sym, NULL, NULL, NULL);
  if (symname) {
    base.function = rkc__rmem_strdup(symname);
    base.func_off = (uintptr_t)off + 1;
    base.has_func_off = true;
  }
  Dwarf_Addr abias = 0;
  Dwarf_Die *acu = dwfl_module_addrdie(m, a, &abias);
  int has = acu ? dwarf_haspc(acu, a - abias) : 0;
  bool aranged = has > 0;
  Dwarf_Die *cu = acu;
  Dwarf_Addr bias = abias;
  if (!aranged) {
    cu = find_cu(m, a, &bias);
    if (!cu && has < 0) { /* the CU's ranges unreadable: trust the aranges */
      cu = acu;
      bias = abias;
      aranged = true;
    }
  }
  /* dwfl_module_getsrc looks in the CU of dwfl_module_addrdie. */
  Dwfl_Line *ln = aranged ? dwfl_module_getsrc(m, a) : NULL;
  int line = 0, col = 0;
  const char *lf = NULL;
  if (ln) {
    lf = dwfl_lineinfo(ln, NULL, &line, &col, NULL, NULL);
  } else if (cu) {
    Dwarf_Line *dl = dwarf_getsrc_die(cu, a - bias);
    if (dl) {
      lf = dwarf_linesrc(dl, NULL, NULL);
      if (dwarf_lineno(dl, &line) != 0)
        line = 0;
      if (dwarf_linecol(dl, &col) != 0)
        col = 0;
    }
  }
  if (lf) {
    base.file = intern(lf);
    base.line = line;
    base.column = col;
  }
  int n = 0;
  Dwarf_Die *scopes = NULL;
  int ns = cu ? dwarf_getscopes(cu, a - bias, &scopes) : 0;
  if (ns > 0) {
    /* dwarf_getscopes continues above an inlined body with the scopes of
       its abstract definition; the concrete callers are the parents of
       the innermost DIE. */
    Dwarf_Die inner = scopes[0];
    free(scopes);
    scopes = NULL;
    ns = dwarf_getscopes_die(&inner, &scopes);
  }
  if (ns > 0) {
    Dwarf_Files *files = NULL;
    size_t nfiles = 0;
    if (dwarf_getsrcfiles(cu, &files, &nfiles) != 0)
      files = NULL;
    const char *file = base.file;
    int line = base.line, col = base.column;
    for (int i = 0; i < ns && n < max; i++) {
      int tag = dwarf_tag(&scopes[i]);
      if (tag != DW_TAG_subprogram && tag != DW_TAG_inlined_subroutine)
        continue;
      rkc__frame *f = &out[n++];
      *f = base;
      const char *name = dwarf_diename(&scopes[i]);
      if (name)
        f->function = rkc__rmem_strdup(name);
      f->file = file;
      f->line = line;
      f->column = col;
      if (tag == DW_TAG_subprogram)
        break;
      f->inlined = true;
      /* The caller continues at the call site of this inlined body. */
      unsigned long cf = udata(&scopes[i], DW_AT_call_file);
      const char *callfile = files && cf < nfiles ? dwarf_filesrc(files, cf, NULL, NULL) : NULL;
      file = callfile ? intern(callfile) : NULL;
      line = (int)udata(&scopes[i], DW_AT_call_line);
      col = (int)udata(&scopes[i], DW_AT_call_column);
    }
    free(scopes);
    if (n > 0 && out[n - 1].inlined) /* no subprogram found around it */
      out[n - 1].inlined = false;
  }
  if (n == 0) {
    out[0] = base;
    n = 1;
  }
  return n;
}

static size_t hash_pc(uintptr_t pc) {
  uint64_t h = (uint64_t)pc * 0x9e3779b97f4a7c15ull;
  return (size_t)(h >> 17);
}

static bool tab_grow(void) {
  size_t ncap = tab_cap ? tab_cap * 2 : 1024;
  entry *nt = rkc__rmem_map(ncap * sizeof *nt);
  if (!nt)
    return false;
  for (size_t i = 0; i < tab_cap; i++) {
    if (!tab[i].pc)
      continue;
    size_t j = hash_pc(tab[i].pc) & (ncap - 1);
    while (nt[j].pc)
      j = (j + 1) & (ncap - 1);
    nt[j] = tab[i];
  }
  rkc__rmem_unmap(tab, tab_cap * sizeof *tab);
  tab = nt;
  tab_cap = ncap;
  return true;
}

int rkc__sym_pc(uintptr_t pc, const rkc__frame **frames) {
  static rkc__frame unknown; /* all fields unknown; pc not kept */
  rkc__rlock_lock(&sym_lock);
  if (pc && (tab_n + 1) * 2 > tab_cap && !tab_grow()) {
    rkc__rlock_unlock(&sym_lock);
    *frames = &unknown;
    return 1;
  }
  size_t j = pc ? hash_pc(pc) & (tab_cap - 1) : 0;
  while (pc && tab[j].pc) {
    if (tab[j].pc == pc) {
      *frames = tab[j].f;
      int n = tab[j].n;
      rkc__rlock_unlock(&sym_lock);
      return n;
    }
    j = (j + 1) & (tab_cap - 1);
  }
  rkc__frame tmp[MAX_INLINE];
  int n = symbolize(pc, tmp, MAX_INLINE);
  rkc__frame *f = rkc__rmem_alloc((size_t)n * sizeof *f);
  if (!f) {
    rkc__rlock_unlock(&sym_lock);
    *frames = &unknown;
    return 1;
  }
  memcpy(f, tmp, (size_t)n * sizeof *f);
  if (pc) {
    tab[j].pc = pc;
    tab[j].n = n;
    tab[j].f = f;
    tab_n++;
  }
  *frames = f;
  rkc__rlock_unlock(&sym_lock);
  return n;
}

/* The module whose loaded segments (.bss included) hold addr: the maps
   of a module stop at its file-backed part, .bss may lie beyond. */
struct seg_search {
  uintptr_t addr;
  Dwfl_Module *found;
};

static int seg_cb(Dwfl_Module *m, void **ud, const char *name, Dwarf_Addr start, void *arg) {
  (void)ud;
  (void)name;
  (void)start;
  struct seg_search *s = arg;
  Dwarf_Addr bias;
  Elf *elf = dwfl_module_getelf(m, &bias);
  if (!elf)
    return DWARF_CB_OK;
  size_t nph;
  if (elf_getphdrnum(elf, &nph) != 0)
    return DWARF_CB_OK;
  for (size_t i = 0; i < nph; i++) {
    GElf_Phdr ph;
    if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
      continue;
    uintptr_t lo = (uintptr_t)(bias + ph.p_vaddr);
    if (s->addr >= lo && s->addr < lo + ph.p_memsz) {
      s->found = m;
      return DWARF_CB_ABORT;
    }
  }
  return DWARF_CB_OK;
}

/* Sizes of global and static variables from the debug info: the size of
   the DW_TAG_variable's type, which is what the program declared. The
   ELF symbol can be smaller: clang's GlobalOpt shrinks a variable that
   only ever holds 0 or one other value to a bool (st_size 1) and
   describes the int it stands for with a DWARF expression on that byte.
   One sorted index per module, built on the first global looked up. */
typedef struct var_ent {
  Dwarf_Addr addr;       /* in the process's addresses */
  size_t size;
} var_ent;

typedef struct var_index {
  Dwfl_Module *m;
  var_ent *v;
  size_t n, cap, bytes;
} var_index;

static var_index var_idx[MAX_INDEXED]; /* guarded by sym_lock */
static size_t n_var_idx;               /* guarded by sym_lock */

static void var_index_clear(void) {
  for (size_t i = 0; i < n_var_idx; i++)
    rkc__rmem_unmap(var_idx[i].v, var_idx[i].bytes);
  n_var_idx = 0;
}

static int cmp_var(const void *a, const void *b) {
  const var_ent *x = a, *y = b;
  if (x->addr != y->addr)
    return x->addr < y->addr ? -1 : 1;
  return x->size < y->size ? -1 : x->size > y->size;
}

static bool var_push(var_index *x, Dwarf_Addr addr, size_t size) {
  if (x->n == x->cap) {
    size_t ncap = x->cap ? x->cap * 2 : 256;
    var_ent *nv = rkc__rmem_map(ncap * sizeof *nv);
    if (!nv)
      return false;
    if (x->n)
      memcpy(nv, x->v, x->n * sizeof *nv);
    rkc__rmem_unmap(x->v, x->bytes);
    x->v = nv;
    x->bytes = ncap * sizeof *nv;
    x->cap = ncap;
  }
  x->v[x->n++] = (var_ent){addr, size};
  return true;
}

/* The static address of a variable: a location expression that starts
   with DW_OP_addr or DW_OP_addrx (what follows may compute a value from
   the bytes there, as for a shrunk global). */
static bool var_addr(Dwarf_Die *die, Dwarf_Addr *addr) {
  Dwarf_Attribute loc;
  Dwarf_Op *ops;
  size_t nops;
  if (!dwarf_attr(die, DW_AT_location, &loc) || dwarf_getlocation(&loc, &ops, &nops) != 0 || nops == 0)
    return false;
  if (ops[0].atom == DW_OP_addr) {
    *addr = ops[0].number;
    return true;
  }
  if (ops[0].atom == DW_OP_addrx || ops[0].atom == DW_OP_GNU_addr_index) {
    Dwarf_Attribute res;
    return dwarf_getlocation_attr(&loc, &ops[0], &res) == 0 && dwarf_formaddr(&res, addr) == 0;
  }
  return false;
}

/* Variables with a static address under die: at file scope, and static
   locals of functions and their blocks. */
static bool var_walk(var_index *x, Dwarf_Die *die, Dwarf_Addr bias, int depth) {
  Dwarf_Die child;
  if (depth > 64 || dwarf_child(die, &child) != 0)
    return true;
  do {
    switch (dwarf_tag(&child)) {
    case DW_TAG_variable: {
      Dwarf_Addr addr;
      Dwarf_Attribute ta;
      Dwarf_Die type;
      Dwarf_Word size;
      /* The type may sit on the declaration (DW_AT_specification) or
         the abstract instance (DW_AT_abstract_origin). */
      if (var_addr(&child, &addr) && addr != 0 && dwarf_attr_integrate(&child, DW_AT_type, &ta) &&
          dwarf_formref_die(&ta, &type) && dwarf_aggregate_size(&type, &size) == 0 && size > 0 &&
          !var_push(x, addr + bias, (size_t)size))
        return false;
      break;
    }
    case DW_TAG_subprogram:
    case DW_TAG_lexical_block:
    case DW_TAG_namespace:
      if (!var_walk(x, &child, bias, depth + 1))
        return false;
      break;
    default:
      break;
    }
  } while (dwarf_siblingof(&child, &child) == 0);
  return true;
}

static var_index *var_index_of(Dwfl_Module *m) {
  for (size_t i = 0; i < n_var_idx; i++)
    if (var_idx[i].m == m)
      return &var_idx[i];
  if (n_var_idx == MAX_INDEXED)
    return NULL;
  var_index *x = &var_idx[n_var_idx];
  *x = (var_index){.m = m};
  Dwarf_Die *cu = NULL;
  Dwarf_Addr b = 0;
  while ((cu = dwfl_module_nextcu(m, cu, &b)) != NULL) {
    if (!var_walk(x, cu, b, 0)) {
      rkc__rmem_unmap(x->v, x->bytes);
      return NULL;
    }
  }
  if (x->n)
    qsort(x->v, x->n, sizeof *x->v, cmp_var);
  n_var_idx++;
  return x;
}

/* The declared size of the variable starting at start, 0 if unknown. When
   several DIEs describe it (one per CU that defines it, e.g. a tentative
   definition in several files), the largest. */
static size_t var_size(Dwfl_Module *m, uintptr_t start) {
  var_index *x = var_index_of(m);
  if (!x)
    return 0;
  size_t lo = 0, hi = x->n; /* the last entry at or below start */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (x->v[mid].addr <= start)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo > 0 && x->v[lo - 1].addr == start ? x->v[lo - 1].size : 0;
}

bool rkc__sym_global(uintptr_t addr, rkc__global *out) {
  bool ok = false;
  rkc__rlock_lock(&sym_lock);
  Dwfl *d = get_dwfl();
  if (!d)
    goto done;
  struct seg_search s = {addr, dwfl_addrmodule(d, addr)};
  if (!s.found)
    dwfl_getmodules(d, seg_cb, &s, 0);
  if (!s.found)
    goto done;
  GElf_Off off = 0;
  GElf_Sym sym;
  const char *name = dwfl_module_addrinfo(s.found, addr, &off, &sym, NULL, NULL, NULL);
  if (!name || GELF_ST_TYPE(sym.st_info) != STT_OBJECT)
    goto done;
  uintptr_t start = addr - (uintptr_t)off;
  /* What the program declared; the symbol only when it is larger (an
     initialised flexible array member) or the debug info says nothing. */
  size_t size = var_size(s.found, start);
  if (size < sym.st_size)
    size = (size_t)sym.st_size;
  if (off >= size && !(size == 0 && off == 0))
    goto done;
  Dwarf_Addr bias = 0, low = 0;
  const char *modname = dwfl_module_info(s.found, NULL, &low, NULL, NULL, NULL, NULL, NULL);
  if (!dwfl_module_getelf(s.found, &bias))
    bias = low;
  out->name = rkc__rmem_strdup(name);
  out->start = start;
  out->size = size;
  out->module = intern(base_name(modname));
  out->module_off = out->start - (uintptr_t)bias;
  ok = true;
done:
  rkc__rlock_unlock(&sym_lock);
  return ok;
}

void rkc__sym_fork_lock(void) {
  rkc__rlock_lock(&sym_lock);
}

void rkc__sym_fork_unlock(void) {
  rkc__rlock_unlock(&sym_lock);
}

void rkc__sym_fork_reset(void) {
  /* The child is single-threaded: nobody else can hold or wait for it. */
  sym_lock.state = 0;
}
