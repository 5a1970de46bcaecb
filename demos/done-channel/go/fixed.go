// SPDX-License-Identifier: MIT
// done-channel (fixed), the Go twin of fixed.c: main receives from done
// before it reads the answer; the send happens before the receive completes.
package main

import (
	"fmt"
	"time"
)

var answer int // written by the worker before its send, read by main after its receive

func worker(done chan struct{}) {
	time.Sleep(20 * time.Millisecond) // the work takes a while
	answer = 42
	done <- struct{}{} // "I am done"
}

func main() {
	done := make(chan struct{}) // unbuffered, signal only
	go worker(done)
	<-done
	fmt.Printf("answer = %d (expected 42)\n", answer)
}
