# Independent check of the exported graph's meaning, and ONNX Runtime's speed on 2 quiet cores.
#
# Builds the stemloop/AtomAI U-Net graph exactly as trainer/OnnxExport writes it (same operators,
# attributes and order; random weights, since the speed and the semantics do not depend on them),
# then (1) runs it in ONNX Runtime and with PyTorch's own functions (F.interpolate bilinear
# align_corners=False, F.batch_norm in eval mode, ...) and prints the largest difference ("diff"),
# and (2) times ONNX Runtime with 2 intra-op threads on 256x256 and 512x512 inputs (median, min ms).
# Written compactly because it was sent as a one-line command to the lent GPU machine.
# Run: taskset -c 0,1 python3 docs/unet-device/ort_torch_check.py   (needs numpy, onnx, onnxruntime, torch)
# Result there (2026-11-26, Xeon, ORT 1.30, torch 2.11): diff 2.1e-07; 256: 22.9 ms; 512: 77.1 ms.
import time,json,numpy as np,onnx,onnxruntime as ort,torch,torch.nn.functional as F
from onnx import helper as h,numpy_helper as nh
R=np.random.default_rng(1);I=[];N=[];W={};k=[0]
def nm(s):k[0]+=1;return f'{s}{k[0]}'
def ini(a):n=nm('w');I.append(nh.from_array(a.astype(np.float32),n));W[n]=torch.from_numpy(a.astype(np.float32));return n
def nd(op,ins,**a):o=nm(op);N.append(h.make_node(op,ins,[o],**a));return o
def conv(x,ci,co,k3):
 return nd('Conv',[x,ini(R.normal(0,(2/(ci*(9 if k3 else 1)))**.5,(co,ci,3,3) if k3 else (co,ci,1,1))),ini(R.normal(0,.1,co))],kernel_shape=[3,3] if k3 else [1,1],pads=[1]*4 if k3 else [0]*4)
def st(x,ci,co,L):
 for i in range(L):
  x=nd('LeakyRelu',[conv(x,ci if i==0 else co,co,1)],alpha=.01)
  x=nd('BatchNormalization',[x,ini(R.uniform(.5,1.5,co)),ini(R.normal(0,.1,co)),ini(R.normal(0,.1,co)),ini(R.uniform(.5,2,co))],epsilon=1e-5)
 return x
mp=lambda x:nd('MaxPool',[x],kernel_shape=[2,2],strides=[2,2])
def up(x,ci,co):return conv(nd('Resize',[x,'',ini(np.array([1,1,2,2]))],mode='linear',coordinate_transformation_mode='half_pixel'),ci,co,0)
e1=st('image',1,16,1);e2=st(mp(e1),16,32,2);e3=st(mp(e2),32,64,2);b=st(mp(e3),64,128,3)
d=st(nd('Concat',[e3,up(b,128,64)],axis=1),128,64,2);d=st(nd('Concat',[e2,up(d,64,32)],axis=1),64,32,2);d=st(nd('Concat',[e1,up(d,32,16)],axis=1),32,16,1)
o=nd('Sigmoid',[conv(d,16,1,0)])
vi=lambda n:h.make_tensor_value_info(n,1,['N',1,'H','W'])
m=h.make_model(h.make_graph(N,'u',[vi('image')],[vi(o)],I),opset_imports=[h.make_opsetid('',13)]);m.ir_version=8
B=m.SerializeToString()
def tr(x):
 E={'image':x}
 for n in N:
  i=[E.get(s,W.get(s)) for s in n.input];t=n.op_type;A={a.name:h.get_attribute_value(a) for a in n.attribute}
  E[n.output[0]]={'Conv':lambda:F.conv2d(i[0],i[1],i[2],padding=A['pads'][0]),'LeakyRelu':lambda:F.leaky_relu(i[0],.01),'BatchNormalization':lambda:F.batch_norm(i[0],i[3],i[4],i[1],i[2],False,0,1e-5),'MaxPool':lambda:F.max_pool2d(i[0],2),'Resize':lambda:F.interpolate(i[0],scale_factor=2,mode='bilinear',align_corners=False),'Concat':lambda:torch.cat(i,1),'Sigmoid':lambda:torch.sigmoid(i[0])}[t]()
 return E[o]
x=R.random((1,1,64,96),dtype=np.float32);so=ort.SessionOptions();so.intra_op_num_threads=2
s=ort.InferenceSession(B,so,providers=['CPUExecutionProvider'])
r={'ort':ort.__version__,'diff':float(np.abs(s.run(None,{'image':x})[0]-tr(torch.from_numpy(x)).numpy()).max())}
for n in(256,512):
 x=R.random((1,1,n,n),dtype=np.float32);[s.run(None,{'image':x}) for _ in range(3)];t=[]
 for _ in range(15):a=time.perf_counter();s.run(None,{'image':x});t.append(1e3*(time.perf_counter()-a))
 r[n]=[float(np.median(t)),float(min(t))]
print(json.dumps(r))
