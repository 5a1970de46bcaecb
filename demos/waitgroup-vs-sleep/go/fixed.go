// SPDX-License-Identifier: MIT
// waitgroup-vs-sleep (fixed), the Go twin of fixed.c: main waits with a
// sync.WaitGroup; each Done happens before the Wait it releases returns.
package main

import (
	"fmt"
	"sync"
	"time"
)

const n = 10

var results [n]int64 // results[i] written by goroutine i before Done, read by main after Wait
var wg sync.WaitGroup

func worker(id int) {
	defer wg.Done()
	time.Sleep(time.Duration(id+1) * time.Millisecond) // the work
	results[id] = int64(id+1) * int64(id+1)
}

func main() {
	for i := 0; i < n; i++ {
		wg.Add(1)
		go worker(i)
	}
	wg.Wait()
	ready, sum := 0, int64(0)
	for i := 0; i < n; i++ {
		r := results[i]
		if r != 0 {
			ready++
		}
		sum += r
	}
	fmt.Printf("results ready: %d of %d, sum %d (expected 385)\n", ready, n, sum)
}
