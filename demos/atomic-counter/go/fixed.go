// SPDX-License-Identifier: MIT
// atomic-counter (fixed), the Go twin of fixed.c: one atomic add per
// increment; atomics never race with each other.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

const workers, adds = 4, 200000

var counter int64 // atomic: only sync/atomic touches it

func main() {
	var wg sync.WaitGroup
	start := make(chan struct{}) // closed by main: all workers start at once
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := 0; i < adds; i++ {
				atomic.AddInt64(&counter, 1)
			}
		}()
	}
	close(start)
	wg.Wait()
	total, expected := atomic.LoadInt64(&counter), int64(workers*adds)
	fmt.Printf("counter = %d (expected %d)\n", total, expected)
	if total != expected {
		fmt.Printf("%d increments were lost\n", expected-total)
	}
}
