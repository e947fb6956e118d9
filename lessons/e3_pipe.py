# lesson: E3
# title: A Pipe between two processes
# shows: A Pipe has two ends; the sender sends a few messages and then "END", the receiver reads until it sees "END".
# notice: The messages arrive in the order they were sent, and the receiver stops at "END".
# mode: gil312
# question: The sender sends three messages, then END. How many will the receiver print?
# number: messages
# answer: messages received
# check: messages received == 3
# prints: received: hello
# prints: receiver stopped at END
from multiprocessing import Pipe, Process


def sender(end):
    for message in ["hello", "from", "the sender"]:
        end.send(message)
    end.send("END")
    end.close()


def receiver(end):
    count = 0
    while True:
        message = end.recv()
        if message == "END":
            break
        count += 1
        print("received:", message)
    print("receiver stopped at END")
    print("messages received:", count)


if __name__ == "__main__":
    sending_end, receiving_end = Pipe()
    processes = [Process(target=sender, args=(sending_end,)), Process(target=receiver, args=(receiving_end,))]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
