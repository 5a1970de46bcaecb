// SPDX-License-Identifier: MIT
// select-server (racy), the Go twin of racy.c: main sends quit and reads
// the state the server saves after receiving it.
package main

import "fmt"

type server struct {
	messages chan int
	quit     chan struct{}
	done     chan struct{} // closed by the server when it has exited
	handled  int           // owned by the server goroutine
	saved    int           // written by the server when it quits, read by main
}

func (s *server) serve() {
	for {
		select {
		case <-s.messages:
			s.handled++
		case <-s.quit:
			s.saved = s.handled // quitting: save the state
			close(s.done)
			return
		}
	}
}

func main() {
	s := &server{messages: make(chan int), quit: make(chan struct{}), done: make(chan struct{})}
	go s.serve()
	for i := 1; i <= 3; i++ {
		s.messages <- i
	}
	s.quit <- struct{}{}
	fmt.Printf("server saved %d messages (expected 3)\n", s.saved)
	<-s.done
}
