// SPDX-License-Identifier: MIT
// waitgroup-vs-sleep (racy), the Go twin of racy.c: main waits for ten
// goroutines by sleeping a guessed 5 ms, then reads their results.
package main

import (
	"fmt"
	"time"
)

const n = 10

var results [n]int64 // results[i] written by goroutine i, read by main

func worker(id int) {
	time.Sleep(time.Duration(id+1) * time.Millisecond) // the work
	results[id] = int64(id+1) * int64(id+1)
}

func main() {
	for i := 0; i < n; i++ {
		go worker(i)
	}
	time.Sleep(5 * time.Millisecond) // a guess: "the work is short"
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
