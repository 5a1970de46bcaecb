// SPDX-License-Identifier: MIT
// async-tasks (fixed), the Go twin of fixed.c: each task sends its name to
// main, and main alone appends to the log.
package main

import (
	"fmt"
	"time"
)

var finished []string // the log: owned by main

func runTask(name string, d time.Duration, out chan string) {
	time.Sleep(d) // the work
	out <- name
}

func main() {
	out := make(chan string)
	go runTask("A (300 ms)", 300*time.Millisecond, out)
	go runTask("B (10 ms)", 10*time.Millisecond, out)
	for i := 0; i < 2; i++ {
		finished = append(finished, <-out)
	}
	for _, name := range finished {
		fmt.Println("finished:", name)
	}
}
