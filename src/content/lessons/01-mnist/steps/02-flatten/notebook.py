# extract images and flatten
train_x = torch.cat(train_tns).view(-1, 28*28)
valid_x = torch.cat(valid_tns).view(-1, 28*28)

# extract labels for each image
train_y = []
valid_y = []
for i in range(10):
    train_y.extend([i] * len(train_tns[i]))
    valid_y.extend([i] * len(valid_tns[i]))

# make labels rank-2 tensors
train_y = tensor(train_y).unsqueeze(1)
valid_y = tensor(valid_y).unsqueeze(1)
train_x.shape, train_y.shape

dset = list(zip(train_x, train_y))
valid_dset = list(zip(valid_x, valid_y))
