// SPDX-License-Identifier: MIT

// Command bench runs the Go twins of racekit's library benchmarks
// (bench/library) and prints "name ns/op" lines, the reference for
// scripts/bench.
//
// Usage: go run . [-t target_ms] [name...]
package main

import (
	"flag"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"
)

func pingpong(b *testing.B) {
	ping, pong := make(chan int64), make(chan int64)
	go func() {
		for i := 0; i < b.N; i++ {
			v := <-ping
			pong <- v
		}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ping <- int64(i)
		<-pong
	}
}

func buffered1p1c(b *testing.B) {
	c := make(chan int64, 1024)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for i := 0; i < b.N; i++ {
			c <- int64(i)
		}
		wg.Done()
	}()
	for i := 0; i < b.N; i++ {
		<-c
	}
	wg.Wait()
}

func buffered4p4c(b *testing.B) {
	c := make(chan int64, 1024)
	per := (b.N + 3) / 4
	var prod, cons sync.WaitGroup
	cons.Add(4)
	for k := 0; k < 4; k++ {
		go func() {
			for range c {
			}
			cons.Done()
		}()
	}
	prod.Add(4)
	for k := 0; k < 4; k++ {
		go func() {
			for i := 0; i < per; i++ {
				c <- int64(i)
			}
			prod.Done()
		}()
	}
	prod.Wait()
	close(c)
	cons.Wait()
}

// Two receive cases always ready: two closed channels (no refill measured).
func select2ready(b *testing.B) {
	a, c := make(chan int64, 1), make(chan int64, 1)
	close(a)
	close(c)
	for i := 0; i < b.N; i++ {
		select {
		case <-a:
		case <-c:
		}
	}
}

func selectDefault(b *testing.B) {
	a, c := make(chan int64), make(chan int64, 1)
	for i := 0; i < b.N; i++ {
		select {
		case <-a:
		case <-c:
		default:
		}
	}
}

func mutexUncontended(b *testing.B) {
	var mu sync.Mutex
	counter := 0
	for i := 0; i < b.N; i++ {
		mu.Lock()
		counter++
		mu.Unlock()
	}
	_ = counter
}

func mutexContended(b *testing.B) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	per := (b.N + 1) / 2
	wg.Add(2)
	for k := 0; k < 2; k++ {
		go func() {
			for i := 0; i < per; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// One op = spawn 1,000 goroutines and wait for all of them.
func spawn1000Wait(b *testing.B) {
	var wg sync.WaitGroup
	for i := 0; i < b.N; i++ {
		wg.Add(1000)
		for k := 0; k < 1000; k++ {
			go wg.Done()
		}
		wg.Wait()
	}
}

func onceFastpath(b *testing.B) {
	var once sync.Once
	f := func() {}
	once.Do(f)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		once.Do(f)
	}
}

var benches = []struct {
	name string
	fn   func(*testing.B)
}{
	{"chan_pingpong", pingpong},
	{"chan_buffered_1p1c", buffered1p1c},
	{"chan_buffered_4p4c", buffered4p4c},
	{"select_2ready", select2ready},
	{"select_default", selectDefault},
	{"mutex_uncontended", mutexUncontended},
	{"mutex_contended", mutexContended},
	{"spawn_1000_wait", spawn1000Wait},
	{"once_fastpath", onceFastpath},
}

func main() {
	testing.Init()
	target := flag.Int("t", 300, "target time per benchmark run, ms")
	flag.Parse()
	if err := flag.Set("test.benchtime", (time.Duration(*target) * time.Millisecond).String()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	want := map[string]bool{}
	for _, a := range flag.Args() {
		want[a] = true
	}
	ran := 0
	for _, bm := range benches {
		if len(want) > 0 && !want[bm.name] {
			continue
		}
		r := testing.Benchmark(bm.fn)
		fmt.Printf("%s %.2f\n", bm.name, float64(r.T.Nanoseconds())/float64(r.N))
		ran++
	}
	if ran == 0 {
		fmt.Fprintln(os.Stderr, "bench: no such benchmark")
		os.Exit(2)
	}
}
