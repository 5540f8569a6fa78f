;; The fast engine's hot loops in WebAssembly SIMD (see simd.ts). Every
;; operation is a baseline f32 or f32x4 multiply or add: IEEE float32
;; rounding to nearest, no fused multiply-add, subnormals kept. That is the
;; reference's `f32` wherever exactness.ts has proven no subnormal occurs,
;; so these loops give the reference's bits as long as they keep its order:
;; each output sample gets its own running sum, taps in the plan's order.
;; Addresses and offsets are in bytes; planes are f32 arrays in this memory.
;; Regenerate simdBytes.ts after a change (see test/unit/simdModule.test.ts).
(module
  (memory (export "memory") 1)

  ;; The interior of a pass: for rows y0..y1 and columns x0..x1,
  ;;   out[p] = (start ? start[p] : 0) + w[0] * in[p + off[0]] + w[1] * in[p + off[1]] + ...
  ;; rounding after every multiply and every add. The taps are n i32 byte
  ;; offsets at $taps, followed by their n f32 weights.
  ;; Sixteen samples at a time (four independent chains of adds keep the
  ;; CPU busy while each waits on its last add), then four, then one.
  (func (export "sumInterior")
    (param $in i32) (param $start i32) (param $hasStart i32) (param $out i32)
    (param $width i32) (param $x0 i32) (param $x1 i32) (param $y0 i32) (param $y1 i32)
    (param $taps i32) (param $n i32)
    (local $y i32) (local $p i32) (local $end i32) (local $t i32) (local $tapsEnd i32) (local $q i32)
    (local $w v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $s f32)
    (local.set $tapsEnd (i32.add (local.get $taps) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $y (local.get $y0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $y) (local.get $y1)))
        (local.set $p (i32.shl (i32.add (i32.mul (local.get $y) (local.get $width)) (local.get $x0)) (i32.const 2)))
        (local.set $end (i32.shl (i32.add (i32.mul (local.get $y) (local.get $width)) (local.get $x1)) (i32.const 2)))

        (block $sixteensDone
          (loop $sixteens
            (br_if $sixteensDone (i32.gt_s (i32.add (local.get $p) (i32.const 64)) (local.get $end)))
            (if (local.get $hasStart)
              (then
                (local.set $a0 (v128.load offset=0 (i32.add (local.get $start) (local.get $p))))
                (local.set $a1 (v128.load offset=16 (i32.add (local.get $start) (local.get $p))))
                (local.set $a2 (v128.load offset=32 (i32.add (local.get $start) (local.get $p))))
                (local.set $a3 (v128.load offset=48 (i32.add (local.get $start) (local.get $p)))))
              (else
                (local.set $a0 (v128.const i32x4 0 0 0 0))
                (local.set $a1 (v128.const i32x4 0 0 0 0))
                (local.set $a2 (v128.const i32x4 0 0 0 0))
                (local.set $a3 (v128.const i32x4 0 0 0 0))))
            (local.set $t (local.get $taps))
            (block $tapsDone
              (loop $eachTap
                (br_if $tapsDone (i32.ge_u (local.get $t) (local.get $tapsEnd)))
                (local.set $w (f32x4.splat (f32.load (i32.add (local.get $t) (i32.shl (local.get $n) (i32.const 2))))))
                (local.set $q (i32.add (i32.add (local.get $in) (local.get $p)) (i32.load (local.get $t))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $w) (v128.load offset=0 (local.get $q)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $w) (v128.load offset=16 (local.get $q)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $w) (v128.load offset=32 (local.get $q)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $w) (v128.load offset=48 (local.get $q)))))
                (local.set $t (i32.add (local.get $t) (i32.const 4)))
                (br $eachTap)))
            (v128.store offset=0 (i32.add (local.get $out) (local.get $p)) (local.get $a0))
            (v128.store offset=16 (i32.add (local.get $out) (local.get $p)) (local.get $a1))
            (v128.store offset=32 (i32.add (local.get $out) (local.get $p)) (local.get $a2))
            (v128.store offset=48 (i32.add (local.get $out) (local.get $p)) (local.get $a3))
            (local.set $p (i32.add (local.get $p) (i32.const 64)))
            (br $sixteens)))

        (block $foursDone
          (loop $fours
            (br_if $foursDone (i32.gt_s (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
            (if (local.get $hasStart)
              (then (local.set $a0 (v128.load (i32.add (local.get $start) (local.get $p)))))
              (else (local.set $a0 (v128.const i32x4 0 0 0 0))))
            (local.set $t (local.get $taps))
            (block $tapsDone
              (loop $eachTap
                (br_if $tapsDone (i32.ge_u (local.get $t) (local.get $tapsEnd)))
                (local.set $w (f32x4.splat (f32.load (i32.add (local.get $t) (i32.shl (local.get $n) (i32.const 2))))))
                (local.set $q (i32.add (i32.add (local.get $in) (local.get $p)) (i32.load (local.get $t))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $w) (v128.load (local.get $q)))))
                (local.set $t (i32.add (local.get $t) (i32.const 4)))
                (br $eachTap)))
            (v128.store (i32.add (local.get $out) (local.get $p)) (local.get $a0))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $fours)))

        (block $onesDone
          (loop $ones
            (br_if $onesDone (i32.ge_s (local.get $p) (local.get $end)))
            (if (local.get $hasStart)
              (then (local.set $s (f32.load (i32.add (local.get $start) (local.get $p)))))
              (else (local.set $s (f32.const 0))))
            (local.set $t (local.get $taps))
            (block $tapsDone
              (loop $eachTap
                (br_if $tapsDone (i32.ge_u (local.get $t) (local.get $tapsEnd)))
                (local.set $s
                  (f32.add (local.get $s)
                    (f32.mul
                      (f32.load (i32.add (local.get $t) (i32.shl (local.get $n) (i32.const 2))))
                      (f32.load (i32.add (i32.add (local.get $in) (local.get $p)) (i32.load (local.get $t)))))))
                (local.set $t (i32.add (local.get $t) (i32.const 4)))
                (br $eachTap)))
            (f32.store (i32.add (local.get $out) (local.get $p)) (local.get $s))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $ones)))

        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))
  )

  ;; A plan's finish in place over $count samples at $plane:
  ;;   v = ((v * unit) * scale) + delta, rounding after each step.
  (func (export "finish")
    (param $plane i32) (param $count i32) (param $unit f32) (param $scale f32) (param $delta f32)
    (local $p i32) (local $end i32) (local $u v128) (local $k v128) (local $d v128)
    (local.set $u (f32x4.splat (local.get $unit)))
    (local.set $k (f32x4.splat (local.get $scale)))
    (local.set $d (f32x4.splat (local.get $delta)))
    (local.set $p (local.get $plane))
    (local.set $end (i32.add (local.get $plane) (i32.shl (local.get $count) (i32.const 2))))
    (block $foursDone
      (loop $fours
        (br_if $foursDone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (v128.store (local.get $p)
          (f32x4.add (f32x4.mul (f32x4.mul (v128.load (local.get $p)) (local.get $u)) (local.get $k)) (local.get $d)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $fours)))
    (block $onesDone
      (loop $ones
        (br_if $onesDone (i32.ge_u (local.get $p) (local.get $end)))
        (f32.store (local.get $p)
          (f32.add (f32.mul (f32.mul (f32.load (local.get $p)) (local.get $unit)) (local.get $scale)) (local.get $delta)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $ones)))
  )

  ;; $count samples at $plane to bytes at $dst, as OpenCV's saturate_cast<uchar>
  ;; (of |v| when $abs): round half to even, then clamp to 0..255, NaN to 0.
  ;; nearest rounds half to even; the saturating conversion and narrowings
  ;; clamp (NaN converts to 0, infinities to the ends).
  (func (export "toBytes") (param $plane i32) (param $count i32) (param $dst i32) (param $abs i32)
    (local $p i32) (local $end i32) (local $d i32) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $s f32) (local $i i32)
    (local.set $p (local.get $plane))
    (local.set $end (i32.add (local.get $plane) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $d (local.get $dst))
    (block $sixteensDone
      (loop $sixteens
        (br_if $sixteensDone (i32.gt_u (i32.add (local.get $p) (i32.const 64)) (local.get $end)))
        (local.set $v0 (v128.load offset=0 (local.get $p)))
        (local.set $v1 (v128.load offset=16 (local.get $p)))
        (local.set $v2 (v128.load offset=32 (local.get $p)))
        (local.set $v3 (v128.load offset=48 (local.get $p)))
        (if (local.get $abs)
          (then
            (local.set $v0 (f32x4.abs (local.get $v0)))
            (local.set $v1 (f32x4.abs (local.get $v1)))
            (local.set $v2 (f32x4.abs (local.get $v2)))
            (local.set $v3 (f32x4.abs (local.get $v3)))))
        (v128.store (local.get $d)
          (i8x16.narrow_i16x8_u
            (i16x8.narrow_i32x4_s
              (i32x4.trunc_sat_f32x4_s (f32x4.nearest (local.get $v0)))
              (i32x4.trunc_sat_f32x4_s (f32x4.nearest (local.get $v1))))
            (i16x8.narrow_i32x4_s
              (i32x4.trunc_sat_f32x4_s (f32x4.nearest (local.get $v2)))
              (i32x4.trunc_sat_f32x4_s (f32x4.nearest (local.get $v3))))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (br $sixteens)))
    (block $onesDone
      (loop $ones
        (br_if $onesDone (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $s (f32.load (local.get $p)))
        (if (local.get $abs) (then (local.set $s (f32.abs (local.get $s)))))
        (local.set $i (i32.trunc_sat_f32_s (f32.nearest (local.get $s))))
        (local.set $i (select (i32.const 0) (local.get $i) (i32.lt_s (local.get $i) (i32.const 0))))
        (local.set $i (select (i32.const 255) (local.get $i) (i32.gt_s (local.get $i) (i32.const 255))))
        (i32.store8 (local.get $d) (local.get $i))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $ones)))
  )
)
