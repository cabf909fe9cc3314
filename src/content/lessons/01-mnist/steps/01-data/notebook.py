path = untar_data(URLs.MNIST)
Path.BASE_PATH = path
(path).ls()

train_tns = []
valid_tns = []
# extract and convert to scale of 0 to 1 using tensor operations
for i in range(10):
    train_tns.append(torch.stack([tensor(Image.open(o)).float()/255 for o in
    valid_tns.append(torch.stack([tensor(Image.open(o)).float()/255 for o in
