// SPDX-License-Identifier: MIT
// close-range (fixed), the Go twin of fixed.c: main records the count and
// then closes; close happens before the receive that ends the range loop.
package main

import "fmt"

const n = 10

var nSent int // written by main before close, read by the consumer after its range

func consumer(values chan int, done chan struct{}) {
	sum, received := 0, 0
	for v := range values {
		sum += v
		received++
	}
	fmt.Printf("received %d values, sum %d; producer says it sent %d (expected %d)\n", received, sum, nSent, n)
	done <- struct{}{}
}

func main() {
	values := make(chan int, 100)
	done := make(chan struct{})
	go consumer(values, done)
	for i := 0; i < n; i++ {
		values <- i
	}
	nSent = n
	close(values)
	<-done
}
