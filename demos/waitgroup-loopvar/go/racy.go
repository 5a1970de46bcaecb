// SPDX-License-Identifier: MIT
// waitgroup-loopvar (racy), the Go twin of racy.c: each goroutine's closure
// captures the loop variable i itself (Go before 1.22), which the loop
// keeps incrementing.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

const n = 10

func main() {
	var wg sync.WaitGroup
	var sum int64 // of the numbers the goroutines saw (atomic: not this lesson's race)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&sum, int64(i))
		}()
	}
	wg.Wait()
	fmt.Printf("sum of the numbers the goroutines saw: %d (expected %d)\n", atomic.LoadInt64(&sum), n*(n-1)/2)
}
