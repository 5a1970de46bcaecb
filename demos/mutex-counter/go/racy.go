// SPDX-License-Identifier: MIT
// mutex-counter (racy), the Go twin of racy.c: four goroutines each add
// 200000 to one shared counter with no lock.
package main

import (
	"fmt"
	"sync"
)

const workers, adds = 4, 200000

var counter int64 // shared by all workers; nothing protects it (the bug)

func main() {
	var wg sync.WaitGroup
	start := make(chan struct{}) // closed by main: all workers start at once
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := 0; i < adds; i++ {
				counter++
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
