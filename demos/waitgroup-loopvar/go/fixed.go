// SPDX-License-Identifier: MIT
// waitgroup-loopvar (fixed), the Go twin of fixed.c: each goroutine gets
// the value of i as an argument, copied at the go statement.
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
		go func(v int) {
			defer wg.Done()
			atomic.AddInt64(&sum, int64(v))
		}(i)
	}
	wg.Wait()
	fmt.Printf("sum of the numbers the goroutines saw: %d (expected %d)\n", atomic.LoadInt64(&sum), n*(n-1)/2)
}
