// SPDX-License-Identifier: MIT
// Test demo: two goroutines increment one counter without a lock.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var counter int
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				counter++
			}
		}()
	}
	wg.Wait()
	fmt.Printf("counter = %d (expected 2000)\n", counter)
}
