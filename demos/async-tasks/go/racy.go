// SPDX-License-Identifier: MIT
// async-tasks (racy), the Go twin of racy.c: two tasks append to a shared
// log; each talks only to main, so the two appends are unordered.
package main

import (
	"fmt"
	"time"
)

var finished []string // the log: appended to by both tasks, unprotected (the bug)

func runTask(name string, d time.Duration, out chan struct{}) {
	time.Sleep(d) // the work
	finished = append(finished, name)
	out <- struct{}{}
}

func main() {
	out := make(chan struct{})
	go runTask("A (300 ms)", 300*time.Millisecond, out)
	go runTask("B (10 ms)", 10*time.Millisecond, out)
	for i := 0; i < 2; i++ {
		<-out
	}
	for _, name := range finished {
		fmt.Println("finished:", name)
	}
}
