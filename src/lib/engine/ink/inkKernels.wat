;; The first layer's two products over a batch's inked pixels only (about 150 of 784 a digit),
;; 16 output columns at a time in four SIMD registers. Compiled by `npm run ink-kernels` into
;; inkKernels.wasm.ts; engine/ink/inkProducts.ts lays out the memory and calls them.
;;
;; The ink index (data/inkIndex.ts) lives in memory: starts (u32, one per image and one more),
;; positions (u16 pixel of each inked pixel) and values (u8 byte of each). `scale` is the 256
;; floats byte / 255. A batch is `rows` image numbers (u32) at `images`. Matrices are row-major
;; f32 with rows of `width` floats, `width` a multiple of 16 (the caller pads), 16-byte aligned.
;; Reading the k-th inked pixel (its value splat, its row of w or grad) is written out in each
;; loop, not called: node 20's V8 does not inline WebAssembly calls, and a call an ink costs.
(module
  (memory (export "memory") 1)

  ;; out[r, :] = bias + sum over row r's inked pixels p of x[r, p] * w[p, :]: x @ w + bias,
  ;; then max(0, .) when relu is 1. Each 16-column block of a row is summed in registers.
  (func (export "times")
        (param $starts i32) (param $positions i32) (param $values i32) (param $scale i32)
        (param $images i32) (param $rows i32)
        (param $w i32) (param $bias i32) (param $width i32) (param $relu i32) (param $out i32)
    (local $r i32) (local $image i32) (local $k i32) (local $last i32) (local $block i32)
    (local $rowBytes i32) (local $o i32) (local $src i32) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const 2)))
    (block $rowsDone (loop $eachRow
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $image (i32.load (i32.add (local.get $images) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $last (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $image) (i32.const 2)))))
      (local.set $block (i32.const 0))
      (loop $eachBlock
        (local.set $o (i32.add (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $rowBytes)))
                               (local.get $block)))
        (local.set $a0 (v128.load offset=0 (i32.add (local.get $bias) (local.get $block))))
        (local.set $a1 (v128.load offset=16 (i32.add (local.get $bias) (local.get $block))))
        (local.set $a2 (v128.load offset=32 (i32.add (local.get $bias) (local.get $block))))
        (local.set $a3 (v128.load offset=48 (i32.add (local.get $bias) (local.get $block))))
        (local.set $k (i32.load (i32.add (local.get $starts) (i32.shl (local.get $image) (i32.const 2)))))
        (block $inkDone (loop $eachInk
          (br_if $inkDone (i32.ge_u (local.get $k) (local.get $last)))
          (local.set $v (v128.load32_splat (i32.add (local.get $scale)
            (i32.shl (i32.load8_u (i32.add (local.get $values) (local.get $k))) (i32.const 2)))))
          (local.set $src (i32.add (i32.add (local.get $w) (local.get $block))
                                   (i32.mul (i32.load16_u (i32.add (local.get $positions) (i32.shl (local.get $k) (i32.const 1))))
                                            (local.get $rowBytes))))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 (local.get $src)) (local.get $v))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $src)) (local.get $v))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $src)) (local.get $v))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $src)) (local.get $v))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $eachInk)))
        (if (local.get $relu)
          (then
            (local.set $a0 (f32x4.max (local.get $a0) (v128.const f32x4 0 0 0 0)))
            (local.set $a1 (f32x4.max (local.get $a1) (v128.const f32x4 0 0 0 0)))
            (local.set $a2 (f32x4.max (local.get $a2) (v128.const f32x4 0 0 0 0)))
            (local.set $a3 (f32x4.max (local.get $a3) (v128.const f32x4 0 0 0 0)))))
        (v128.store offset=0 (local.get $o) (local.get $a0))
        (v128.store offset=16 (local.get $o) (local.get $a1))
        (v128.store offset=32 (local.get $o) (local.get $a2))
        (v128.store offset=48 (local.get $o) (local.get $a3))
        (local.set $block (i32.add (local.get $block) (i32.const 64)))
        (br_if $eachBlock (i32.lt_u (local.get $block) (local.get $rowBytes))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $eachRow)))
  )

  ;; grad[p, :] = sum over the batch's rows r inked at pixel p of x[r, p] * d[r, :]: x^T @ d,
  ;; into `grad` (784 rows of `width`), which it zeroes first. Each 16-column block of d's row
  ;; stays in registers while that row's inked pixels add to their rows of grad.
  (func (export "transposedTimes")
        (param $starts i32) (param $positions i32) (param $values i32) (param $scale i32)
        (param $images i32) (param $rows i32)
        (param $d i32) (param $width i32) (param $grad i32) (param $gradBytes i32)
    (local $r i32) (local $image i32) (local $k i32) (local $last i32) (local $block i32)
    (local $rowBytes i32) (local $from i32) (local $dst i32) (local $v v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const 2)))
    (memory.fill (local.get $grad) (i32.const 0) (local.get $gradBytes))
    (block $rowsDone (loop $eachRow
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $image (i32.load (i32.add (local.get $images) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $last (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $image) (i32.const 2)))))
      (local.set $block (i32.const 0))
      (loop $eachBlock
        (local.set $from (i32.add (i32.add (local.get $d) (i32.mul (local.get $r) (local.get $rowBytes)))
                                  (local.get $block)))
        (local.set $d0 (v128.load offset=0 (local.get $from)))
        (local.set $d1 (v128.load offset=16 (local.get $from)))
        (local.set $d2 (v128.load offset=32 (local.get $from)))
        (local.set $d3 (v128.load offset=48 (local.get $from)))
        (local.set $k (i32.load (i32.add (local.get $starts) (i32.shl (local.get $image) (i32.const 2)))))
        (block $inkDone (loop $eachInk
          (br_if $inkDone (i32.ge_u (local.get $k) (local.get $last)))
          (local.set $v (v128.load32_splat (i32.add (local.get $scale)
            (i32.shl (i32.load8_u (i32.add (local.get $values) (local.get $k))) (i32.const 2)))))
          (local.set $dst (i32.add (i32.add (local.get $grad) (local.get $block))
                                   (i32.mul (i32.load16_u (i32.add (local.get $positions) (i32.shl (local.get $k) (i32.const 1))))
                                            (local.get $rowBytes))))
          (v128.store offset=0 (local.get $dst)
            (f32x4.add (v128.load offset=0 (local.get $dst)) (f32x4.mul (local.get $d0) (local.get $v))))
          (v128.store offset=16 (local.get $dst)
            (f32x4.add (v128.load offset=16 (local.get $dst)) (f32x4.mul (local.get $d1) (local.get $v))))
          (v128.store offset=32 (local.get $dst)
            (f32x4.add (v128.load offset=32 (local.get $dst)) (f32x4.mul (local.get $d2) (local.get $v))))
          (v128.store offset=48 (local.get $dst)
            (f32x4.add (v128.load offset=48 (local.get $dst)) (f32x4.mul (local.get $d3) (local.get $v))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $eachInk)))
        (local.set $block (i32.add (local.get $block) (i32.const 64)))
        (br_if $eachBlock (i32.lt_u (local.get $block) (local.get $rowBytes))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $eachRow)))
  )
)
