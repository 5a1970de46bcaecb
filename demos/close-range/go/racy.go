// SPDX-License-Identifier: MIT
// close-range (racy), the Go twin of racy.c: main closes the channel and
// then records how many values it sent; the consumer reads that count after
// its range loop ends.
package main

import "fmt"

const n = 10

var nSent int // written by the producer (main), read by the consumer

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
	close(values)
	nSent = n
	<-done
}
