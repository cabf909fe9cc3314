simple_net = nn.Sequential (
    nn.Linear(28*28, 30), # Layer 1
    nn.ReLU(), # Layer 2
    nn.Linear(30, 10) # Layer 3
)
