// SPDX-License-Identifier: MIT
// select-server (fixed), the Go twin of fixed.c: main waits for the
// server's acknowledgement (done is closed) before reading its state.
package main

import "fmt"

type server struct {
	messages chan int
	quit     chan struct{}
	done     chan struct{} // closed by the server when it has exited: the acknowledgement
	handled  int           // owned by the server goroutine
	saved    int           // written by the server before it closes done, read by main after
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
	<-s.done
	fmt.Printf("server saved %d messages (expected 3)\n", s.saved)
}
