// SPDX-License-Identifier: MIT
// mutex-counter (fixed), the Go twin of fixed.c: the increment holds a
// sync.Mutex; each Unlock happens before the next Lock returns.
package main

import (
	"fmt"
	"sync"
)

const workers, adds = 4, 200000

var (
	counter   int64 // guarded by counterMu
	counterMu sync.Mutex
)

func main() {
	var wg sync.WaitGroup
	start := make(chan struct{}) // closed by main: all workers start at once
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := 0; i < adds; i++ {
				counterMu.Lock()
				counter++
				counterMu.Unlock()
			}
		}()
	}
	close(start)
	wg.Wait()
	total, expected := counter, int64(workers*adds)
	fmt.Printf("counter = %d (expected %d)\n", total, expected)
	if total != expected {
		fmt.Printf("%d increments were lost\n", expected-total)
	}
}
