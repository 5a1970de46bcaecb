module racekit/bench

go 1.19
