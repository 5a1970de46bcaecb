// SPDX-License-Identifier: MIT
// done-channel (racy), the Go twin of racy.c: main sleeps "long enough"
// instead of receiving from done, then reads the worker's answer.
package main

import (
	"fmt"
	"time"
)

var answer int // written by the worker, read by main

func worker(done chan struct{}) {
	time.Sleep(20 * time.Millisecond) // the work takes a while
	answer = 42
	done <- struct{}{} // "I am done"
}

func main() {
	done := make(chan struct{}) // unbuffered, signal only
	go worker(done)
	time.Sleep(10 * time.Millisecond) // surely the worker is done by now?
	fmt.Printf("answer = %d (expected 42)\n", answer)
	<-done // only so that the worker can finish
}
